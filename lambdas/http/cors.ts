/** CORS answers for the origins in CORS_ORIGINS (comma-separated); other origins get no CORS headers. */
let parsed: { from: string; origins: Set<string> } | undefined;

/** Read when first needed, not at import: the local server sets CORS_ORIGINS after its imports. */
function allowedOrigins(): Set<string> {
  const from = process.env.CORS_ORIGINS ?? '';
  if (parsed?.from !== from) {
    parsed = { from, origins: new Set(from.split(',').map((origin) => origin.trim()).filter(Boolean)) };
  }
  return parsed.origins;
}

/**
 * The one list of each, used by the handlers, the local server's preflight and the CDK API
 * (lib/api/cors.ts). Request headers a browser may send: the bearer token, JSON bodies,
 * optimistic locking, retries.
 */
export const CORS_ALLOWED_HEADERS: readonly string[] = ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'];
/**
 * Response headers a browser script may read: the version for If-Match, a created record's URL,
 * when to retry, the request id that a 500 names, and whether a POST's answer is a replay.
 */
export const CORS_EXPOSED_HEADERS: readonly string[] = ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'];
export const CORS_ALLOWED_METHODS: readonly string[] = ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'];
const exposed = CORS_EXPOSED_HEADERS.join(',');

export function corsHeaders(origin: string | undefined): Record<string, string> {
  const allowed = allowedOrigins();
  if (!origin || !(allowed.has(origin) || allowed.has('*'))) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': exposed,
    vary: 'Origin',
  };
}

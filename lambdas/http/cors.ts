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

export const corsAllowHeaders = 'Authorization,Content-Type,If-Match,Idempotency-Key';
export const corsExposeHeaders = 'ETag,Location,Retry-After,X-Request-Id';

export function corsHeaders(origin: string | undefined): Record<string, string> {
  const allowed = allowedOrigins();
  if (!origin || !(allowed.has(origin) || allowed.has('*'))) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': corsExposeHeaders,
    vary: 'Origin',
  };
}

/** CORS answers for the origins in CORS_ORIGINS (comma-separated); other origins get no CORS headers. */
const allowed = new Set(
  (process.env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
);

export const corsAllowHeaders = 'Authorization,Content-Type,If-Match,Idempotency-Key';
export const corsExposeHeaders = 'ETag,Location,Retry-After,X-Request-Id';

export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin || !(allowed.has(origin) || allowed.has('*'))) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': corsExposeHeaders,
    vary: 'Origin',
  };
}

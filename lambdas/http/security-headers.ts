/**
 * Headers on every answer of the handlers (API Gateway's own error answers get them too, but the
 * CSP, from lib/api/gateway-error-responses.ts). The API answers JSON and CSV to programs, never a
 * page: nothing of it is to be sniffed, framed, or sent on as a referrer.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Two years, as the HSTS preload list asks; the API is HTTPS-only on AWS, and browsers ignore it over plain HTTP.
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

/**
 * Answers of the routes that need a role (personal data, audit trails, reports) are kept by no
 * cache, shared or private; public figures are left to the ETag and the client.
 */
export const PRIVATE_ANSWER_HEADERS: Readonly<Record<string, string>> = { 'cache-control': 'no-store' };

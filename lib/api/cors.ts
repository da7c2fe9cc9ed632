import { Duration } from 'aws-cdk-lib';
import type { CorsOptions } from 'aws-cdk-lib/aws-apigateway';

/** Request headers a browser may send: the bearer token, JSON bodies, optimistic locking, retries. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'];
/**
 * Response headers a browser script may read: the version for If-Match, a created record's URL,
 * when to retry, and the request id that a 500 names. The same list as the handlers' (http/cors.ts).
 */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'X-Request-Id'];
export const CORS_ALLOWED_METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The preflight answered by API Gateway itself (a mock integration, no Lambda call). With several
 * origins CDK echoes the request's Origin only when it is on the list.
 */
export function corsPreflightOptions(origins: readonly string[]): CorsOptions {
  return {
    allowOrigins: [...origins],
    allowMethods: CORS_ALLOWED_METHODS,
    allowHeaders: CORS_ALLOWED_HEADERS,
    exposeHeaders: CORS_EXPOSED_HEADERS,
    maxAge: Duration.hours(1),
  };
}

/**
 * Access-Control-* headers for API Gateway's own error answers, as gateway-response parameters
 * (quoted = static value). A gateway response cannot test the Origin against a list, so with
 * several origins it echoes the request's Origin: those answers carry only a fixed error body and
 * never credentials, so a foreign origin reading "unauthorized" learns nothing.
 */
export function gatewayResponseCorsHeaders(origins: readonly string[]): Record<string, string> {
  const [onlyOrigin, ...others] = origins;
  const allowOrigin =
    onlyOrigin !== undefined && others.length === 0
      ? `'${onlyOrigin}'`
      : 'method.request.header.Origin';
  return {
    'Access-Control-Allow-Origin': allowOrigin,
    'Access-Control-Expose-Headers': `'${CORS_EXPOSED_HEADERS.join(',')}'`,
    ...(onlyOrigin === '*' ? {} : { Vary: "'Origin'" }),
  };
}

import { Duration } from 'aws-cdk-lib';
import type { CorsOptions } from 'aws-cdk-lib/aws-apigateway';
import { CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, CORS_EXPOSED_HEADERS } from '../../lambdas/http/cors';

export { CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, CORS_EXPOSED_HEADERS };

/**
 * The preflight answered by API Gateway itself (a mock integration, no Lambda call). With several
 * origins CDK echoes the request's Origin only when it is on the list.
 */
export function corsPreflightOptions(origins: readonly string[]): CorsOptions {
  return {
    allowOrigins: [...origins],
    allowMethods: [...CORS_ALLOWED_METHODS],
    allowHeaders: [...CORS_ALLOWED_HEADERS],
    exposeHeaders: [...CORS_EXPOSED_HEADERS],
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

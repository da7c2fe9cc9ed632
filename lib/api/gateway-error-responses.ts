import { ResponseType, type RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import { gatewayResponseCorsHeaders } from './cors';
import { PRIVATE_ANSWER_HEADERS, SECURITY_HEADERS } from '../../lambdas/http/security-headers';

/**
 * The handlers' security headers, and no-store (a gateway response cannot tell a public route
 * from a personal one; its answers are errors, which no cache should keep), as API Gateway wants
 * header values: single-quoted literals. Which is why the Content-Security-Policy is left out: its
 * `'none'` cannot be written inside one (X-Frame-Options still forbids framing).
 */
const securityHeaders = Object.fromEntries(
  Object.entries({ ...SECURITY_HEADERS, ...PRIVATE_ANSWER_HEADERS })
    .filter(([name]) => name !== 'content-security-policy')
    .map(([name, value]) => [name, `'${value}'`]),
);

/**
 * How each answer that API Gateway gives on its own (before or instead of a Lambda) maps to the
 * contract's error shape {"error":{"code","message"}} and status (API.md "Errors").
 */
export interface GatewayErrorMapping {
  readonly type: ResponseType;
  readonly status: number;
  readonly code: string;
  /** A JSON string literal, or a VTL expression that renders one. */
  readonly messageJson: string;
  readonly retryAfterSeconds?: number;
}

const text = (message: string): string => JSON.stringify(message);

export const gatewayErrorMappings: readonly GatewayErrorMapping[] = [
  // REST APIs answer an unknown path, or a method the path lacks, with "Missing Authentication
  // Token" (403): the contract says 404 for both.
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: 404, code: 'not_found', messageJson: text('No such route') },
  { type: ResponseType.RESOURCE_NOT_FOUND, status: 404, code: 'not_found', messageJson: text('No such route') },
  // The Cognito authorizer answers UNAUTHORIZED for a missing, malformed or expired token; the
  // signature types belong to IAM auth but are mapped too, so no default shape can leak out.
  { type: ResponseType.UNAUTHORIZED, status: 401, code: 'unauthorized', messageJson: text('Missing or invalid token') },
  { type: ResponseType.EXPIRED_TOKEN, status: 401, code: 'unauthorized', messageJson: text('The token has expired') },
  { type: ResponseType.INVALID_SIGNATURE, status: 401, code: 'unauthorized', messageJson: text('Missing or invalid token') },
  { type: ResponseType.ACCESS_DENIED, status: 403, code: 'forbidden', messageJson: text('Access denied') },
  { type: ResponseType.WAF_FILTERED, status: 403, code: 'forbidden', messageJson: text('Request blocked') },
  { type: ResponseType.INVALID_API_KEY, status: 403, code: 'forbidden', messageJson: text('Access denied') },
  { type: ResponseType.BAD_REQUEST_BODY, status: 400, code: 'validation_failed', messageJson: text('Invalid request body') },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, status: 400, code: 'validation_failed', messageJson: text('Invalid request parameters') },
  { type: ResponseType.REQUEST_TOO_LARGE, status: 413, code: 'payload_too_large', messageJson: text('The request body is too large') },
  { type: ResponseType.UNSUPPORTED_MEDIA_TYPE, status: 415, code: 'unsupported_media_type', messageJson: text('The body must be application/json') },
  { type: ResponseType.THROTTLED, status: 429, code: 'throttled', messageJson: text('Too many requests'), retryAfterSeconds: 1 },
  // Only reachable once a usage plan with a quota exists; quotas reset per day at the earliest.
  { type: ResponseType.QUOTA_EXCEEDED, status: 429, code: 'throttled', messageJson: text('Request quota exceeded'), retryAfterSeconds: 60 },
  { type: ResponseType.INTEGRATION_FAILURE, status: 503, code: 'unavailable', messageJson: text('The service is temporarily unavailable'), retryAfterSeconds: 5 },
  { type: ResponseType.INTEGRATION_TIMEOUT, status: 503, code: 'unavailable', messageJson: text('The service is temporarily unavailable'), retryAfterSeconds: 5 },
  // Anything else in the 4XX range is a request API Gateway could not take: a 400 with a contract
  // code (clients switch on codes), API Gateway's own message being safe to show.
  { type: ResponseType.DEFAULT_4XX, status: 400, code: 'validation_failed', messageJson: '$context.error.messageString' },
  // Authorizer/configuration errors and Lambda crashes: the request id lets support find the logs.
  { type: ResponseType.DEFAULT_5XX, status: 500, code: 'internal', messageJson: text('Internal error (request $context.requestId)') },
];

/** Installs one gateway response per mapping, each JSON with CORS headers so browsers can read it, and the security headers. */
export function addGatewayErrorResponses(api: RestApiBase, corsOrigins: readonly string[]): void {
  const corsHeaders = gatewayResponseCorsHeaders(corsOrigins);
  for (const mapping of gatewayErrorMappings) {
    api.addGatewayResponse(`${mapping.type.responseType}Response`, {
      type: mapping.type,
      statusCode: String(mapping.status),
      responseHeaders: {
        ...securityHeaders,
        ...corsHeaders,
        'Content-Type': "'application/json'",
        ...(mapping.retryAfterSeconds === undefined
          ? {}
          : { 'Retry-After': `'${mapping.retryAfterSeconds}'` }),
      },
      templates: {
        'application/json': `{"error":{"code":${text(mapping.code)},"message":${mapping.messageJson}}}`,
      },
    });
  }
}

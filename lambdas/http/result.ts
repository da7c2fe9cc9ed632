import type { APIGatewayProxyResult } from 'aws-lambda';
import type { RegistryEvent, Reply } from './event';
import { corsHeaders } from './cors';
import { PRIVATE_ANSWER_HEADERS, SECURITY_HEADERS } from './security-headers';

/**
 * The one place where a reply becomes a proxy result: JSON (or the raw body's own type), CORS,
 * the security headers and the request id on every answer, and no-store on every answer of a
 * route that needs a role (its errors included).
 */
export function toResult(reply: Reply, event: Pick<RegistryEvent, 'headers' | 'route'>, requestId: string): APIGatewayProxyResult {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    ...(event.route !== undefined && event.route.role !== 'public' ? PRIVATE_ANSWER_HEADERS : {}),
    ...corsHeaders(event.headers?.origin),
    'x-request-id': requestId,
    ...reply.headers,
  };
  const body = reply.rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  if (body !== '') headers['content-type'] = reply.contentType ?? 'application/json';
  return { statusCode: reply.status, headers, body };
}

import type { APIGatewayProxyResult } from 'aws-lambda';
import type { RegistryEvent, Reply } from './event';
import { corsHeaders } from './cors';

/** The one place where a reply becomes a proxy result: JSON (or the raw body's own type), CORS and the request id on every answer. */
export function toResult(reply: Reply, event: Pick<RegistryEvent, 'headers'>, requestId: string): APIGatewayProxyResult {
  const headers: Record<string, string> = {
    ...corsHeaders(event.headers?.origin),
    'x-request-id': requestId,
    ...reply.headers,
  };
  const body = reply.rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  if (body !== '') headers['content-type'] = reply.contentType ?? 'application/json';
  return { statusCode: reply.status, headers, body };
}

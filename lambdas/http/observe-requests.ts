/**
 * One log line and one set of metrics per answered request, whatever answered it (a route, a
 * refusal of the middleware, an error mapped by errorResponses, the early timeout answer).
 * Registered before errorResponses, so its onError runs after the error has become an answer.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { logger } from '../observability/logger';
import { countRequest } from '../observability/metrics';
import { routeKey } from '../routes';
import type { RegistryEvent } from './event';

type Middleware = MiddlewareObj<RegistryEvent, APIGatewayProxyResult, Error, Context>;

/**
 * A caller's X-Request-Id is taken as the correlation id only when it looks like an id: the log
 * must not carry whatever a client puts in a header (a name, a token, a line break).
 */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Read before normalizeHeaders has run (this middleware is outside it): any case of the name. */
function headerOf(event: RegistryEvent, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === name && typeof value === 'string') return value;
  return undefined;
}

export function correlationIdOf(event: RegistryEvent, context: Context): string {
  const given = headerOf(event, 'x-request-id');
  if (given !== undefined && CALLER_ID.test(given)) return given;
  return event.requestContext?.requestId || context?.awsRequestId || 'unknown';
}

export function observeRequests(): Middleware {
  const started = new WeakMap<RegistryEvent, number>();
  const finish = ({ event, response }: { event: RegistryEvent; response: APIGatewayProxyResult | null | undefined }) => {
    if (!response) return;
    const ms = Math.round((performance.now() - (started.get(event) ?? performance.now())) * 10) / 10;
    // The route template, never the path: paths hold ids, and a log line needs no more than the route.
    const route = routeKey(event.httpMethod, event.resource);
    const replayed = response.headers?.['idempotent-replayed'] === 'true';
    countRequest(route, response.statusCode, ms, replayed);
    logger.info('request', { route, status: response.statusCode, ms, ...(replayed ? { replayed } : {}) });
  };
  return {
    before: ({ event, context }) => {
      started.set(event, performance.now());
      logger.setCorrelationId(correlationIdOf(event, context));
    },
    after: finish,
    onError: finish,
  };
}

/**
 * The middleware chain, written once for every route. Order (DESIGN.md, with one change: the role
 * check runs before the body is read, so a caller without the role learns nothing from validation):
 * Powertools' logger context and metrics → the request's log line and metrics → errors (registered
 * before the rest, so it handles last of those) → headers → route → role → body guard → JSON.
 */
import type { Context } from 'aws-lambda';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { RegistryEvent } from './event';
import { bodyLimitOf, type Route } from '../routes';
import { malformedJson, notFound, payloadTooLarge, unsupportedMediaType } from './api-error';
import { authorize } from './auth';
import { errorReply } from './error-response';
import { toResult } from './result';
import { callerNamedMap } from './validation';

type Middleware = MiddlewareObj<RegistryEvent, APIGatewayProxyResult, Error, Context>;

export { DEFAULT_MAX_BODY_BYTES as MAX_BODY_BYTES } from '../routes';

export const requestIdOf = (event: RegistryEvent, context: Context): string =>
  context?.awsRequestId || event.requestContext?.requestId || 'unknown';

export function errorResponses(): Middleware {
  return {
    onError: (request) => {
      const { event, context } = request;
      const routeName = event.route ? `${event.route.method} ${event.route.path}` : `${event.httpMethod} ${event.resource}`;
      const requestId = requestIdOf(event, context);
      const reply = errorReply(request.error, requestId, routeName);
      // Set, not returned: a returned answer would end middy's onError chain, and the request's
      // log line, metrics and logger reset (registered before this one) would never run.
      request.response = toResult(reply, { headers: event.headers ?? {}, route: event.route }, requestId);
    },
  };
}

/** Lower-cased names, last value wins: HTTP header names are case-insensitive, lookups here are not. */
export function normalizeHeaders(): Middleware {
  return {
    before: ({ event }) => {
      const headers = callerNamedMap<string>();
      for (const [name, value] of Object.entries(event.headers ?? {})) {
        if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
      }
      event.headers = headers;
    },
  };
}

/** A path this function does not serve is 404 (API Gateway does the same for unknown routes). */
export function resolveRoute(table: ReadonlyMap<string, Route>): Middleware {
  return {
    before: ({ event }) => {
      const route = table.get(`${event.httpMethod} ${event.resource}`);
      if (!route) throw notFound('The route');
      event.route = route;
    },
  };
}

export function authorizeCaller(): Middleware {
  return {
    before: ({ event }) => {
      event.caller = authorize(event, event.route!.role);
    },
  };
}

const bodyMethods = new Set(['POST', 'PATCH', 'PUT']);
const isJsonMediaType = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/json\s*(;.*)?$/i.test(contentType.trim());

/** Size before type before parsing: the cheapest refusal first. */
export function jsonBody(): Middleware {
  return {
    before: ({ event }) => {
      if (!bodyMethods.has(event.httpMethod) || event.body === null || event.body === undefined || event.body === '') return;
      const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      const limit = bodyLimitOf(event.route!);
      if (Buffer.byteLength(raw, 'utf8') > limit) throw payloadTooLarge(limit);
      if (!isJsonMediaType(event.headers['content-type'])) throw unsupportedMediaType();
      try {
        event.json = JSON.parse(raw);
      } catch {
        throw malformedJson();
      }
    },
  };
}

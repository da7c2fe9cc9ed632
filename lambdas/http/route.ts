/**
 * A route's implementation: schemas for its path, query and body, and the function that answers.
 * Validation happens here, so handlers receive typed, checked input only.
 */
import type { Caller } from './auth';
import type { RegistryEvent, Reply } from './event';
import { failIfAny, parseWith, queryParameters } from './validation';
import { validationFailed } from './api-error';
import * as z from 'zod/mini';

type Schema<T> = z.ZodMiniType<T>;

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly caller: Caller;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string;
}

export interface RouteSpec<P, Q, B> {
  readonly params?: Schema<P>;
  readonly query?: Schema<Q>;
  /** Present for routes that take a body; the body is then required. */
  readonly body?: Schema<B>;
  readonly handle: (input: RouteInput<P, Q, B>) => Promise<Reply>;
}

/** The schemas a route validates its input with: what the OpenAPI generator (bin/openapi) documents. */
export interface RouteSchemas {
  readonly params?: z.ZodMiniType;
  readonly query: z.ZodMiniType;
  readonly body?: z.ZodMiniType;
}

export type RouteHandler = ((event: RegistryEvent, requestId: string) => Promise<Reply>) & {
  /** Present on every handler that `route()` made. */
  readonly spec?: RouteSchemas;
};

const noQuery = z.strictObject({});

export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(spec: RouteSpec<P, Q, B>): RouteHandler {
  const handler = async (event: RegistryEvent, requestId: string): Promise<Reply> => {
    const query = queryParameters(event);
    const details = [...query.details];
    const params = spec.params ? parseWith(spec.params, event.pathParameters ?? {}, 'path') : { value: {} as P, details: [] };
    const parsedQuery = parseWith((spec.query ?? noQuery) as Schema<Q>, query.values, 'query');
    details.push(...params.details, ...parsedQuery.details);
    let body: B = undefined as B;
    // A route that declares no body takes none: what the OpenAPI document says, and nothing ignored silently.
    if (!spec.body && event.json !== undefined) details.push({ path: 'body', message: 'This route takes no request body' });
    if (spec.body) {
      if (event.json === undefined) throw validationFailed([{ path: 'body', message: 'A JSON body is required' }]);
      const parsedBody = parseWith(spec.body, event.json, '');
      details.push(...parsedBody.details);
      body = parsedBody.value as B;
    }
    failIfAny(details);
    return spec.handle({
      params: params.value as P,
      query: parsedQuery.value as Q,
      body,
      caller: event.caller!,
      headers: event.headers,
      requestId,
    });
  };
  const schemas: RouteSchemas = { params: spec.params, query: spec.query ?? noQuery, body: spec.body };
  return Object.assign(handler, { spec: schemas });
}


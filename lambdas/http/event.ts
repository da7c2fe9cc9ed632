import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Route } from '../routes';
import type { Caller } from './auth';

/** The proxy event as the middleware chain leaves it for the route handler. */
export interface RegistryEvent extends APIGatewayProxyEvent {
  /** Lower-cased header names, one value each. */
  headers: Record<string, string>;
  route?: Route;
  caller?: Caller;
  /** The parsed JSON body, when the request had one. */
  json?: unknown;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** A body already serialised (a replayed idempotent answer, the OpenAPI document, a CSV export). */
  readonly rawBody?: string;
  /** The media type of `rawBody`, when it is not JSON (`text/csv; charset=utf-8`). */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One realistic request per route of the route table, as the proxy event API Gateway sends (the
 * unit tests' event builder): the lowest role the route allows, a valid body for writes, the
 * record ids the data holds (each collection's own; a route of another gets the round's id).
 * A collection added later needs its body here: without one its POST answers 400, which stops the run.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { routes, type FunctionName, type Route } from '../../lambdas/routes';
import { agreement, completedRound, negotiationEvent, person, repatriation } from '../../test/support/fixtures';
import { restEvent } from '../../test/support/unit-events';
import { reconciliationBody } from './reconciliation-list';

export interface RecordIds {
  readonly rounds: string;
  readonly repatriations: string;
  readonly persons: string;
  readonly agreements: string;
  readonly negotiations: string;
  readonly reconciliations: string;
}

export interface BenchRequest {
  readonly route: Route;
  /** A fresh event each call: the middleware chain changes the event it is given. */
  readonly event: () => APIGatewayProxyEvent;
  readonly expectStatus: number;
}

const bodies: Record<string, () => unknown> = {
  rounds: () => completedRound(),
  repatriations: () => repatriation(),
  persons: () => person(),
  agreements: () => agreement(),
  negotiations: () => negotiationEvent(),
  // A counterpart's list of 40 names against the persons of its side (reconciliation-list.ts).
  reconciliations: () => reconciliationBody(),
};

const collectionOf = (path: string) => path.split('/')[1] ?? '';

function requestFor(route: Route, ids: RecordIds): BenchRequest {
  const collection = collectionOf(route.path);
  const id = (ids as unknown as Record<string, string>)[collection] ?? ids.rounds;
  const pathParameters = route.path.includes('{id}') ? { id } : undefined;
  const query = route.path === '/audit' ? { entity: 'rounds', id: ids.rounds } : undefined;
  let body: unknown;
  if (route.method === 'POST') body = bodies[collection]?.();
  if (route.method === 'PATCH') body = { notes: 'Changed by the benchmark' };
  const role = route.role === 'public' ? 'anonymous' : route.role;
  // The exports are files: a browser following the dashboard's link asks for CSV.
  const headers = collection === 'exports' ? { Accept: 'text/csv' } : undefined;
  return {
    route,
    event: () => restEvent({ method: route.method, resource: route.path, pathParameters, query, headers, body, role }),
    expectStatus: route.method === 'DELETE' ? 204 : route.method === 'POST' && route.path !== '/stats/refresh' ? 201 : 200,
  };
}

export const allRequests = (ids: RecordIds): BenchRequest[] => routes.map((route) => requestFor(route, ids));

/** The request a cold start answers for each function: a read of one record, or a create. */
const coldRoutes: Partial<Record<FunctionName, string>> = {
  'rounds-read': 'GET /rounds/{id}',
  'rounds-write': 'POST /rounds',
  'repatriations-read': 'GET /repatriations/{id}',
  'repatriations-write': 'POST /repatriations',
  'persons-read': 'GET /persons/{id}',
  'persons-write': 'POST /persons',
  'agreements-read': 'GET /agreements/{id}',
  'agreements-write': 'POST /agreements',
  'negotiations-read': 'GET /negotiations/{id}',
  'negotiations-write': 'POST /negotiations',
  'reconciliations-read': 'GET /reconciliations/{id}',
  'reconciliations-write': 'POST /reconciliations',
  // The largest public collection, read page by page and formatted: what four of the five exports
  // do (agreements.csv adds a progress Query per agreement; stats.csv reads one item).
  'exports-read': 'GET /exports/rounds.csv',
  'stats-read': 'GET /stats',
  'stats-refresh': 'POST /stats/refresh',
  'audit-read': 'GET /audit',
};

export function coldRequestFor(fn: string, ids: RecordIds): BenchRequest {
  const own = routes.filter((route) => route.fn === fn);
  const chosen =
    own.find((route) => `${route.method} ${route.path}` === coldRoutes[fn as FunctionName]) ??
    own.find((route) => route.method === 'GET') ??
    own[0];
  if (!chosen) throw new Error(`No route names the function ${fn}`);
  return requestFor(chosen, ids);
}

/**
 * The route table: the single description of the HTTP surface. The CDK API construct and the
 * local server both iterate it, and each Lambda dispatches on it, so the three cannot drift.
 * Data only: importing it must not pull in handler code.
 */
export type Role = 'public' | 'viewer' | 'editor' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type TableAccess = 'none' | 'read' | 'readwrite';

export interface LambdaFunctionSpec {
  /** Entry file, relative to the project root. */
  readonly entry: string;
  readonly description: string;
  /** Least privilege on the table: read-only functions never get write actions. */
  readonly tableAccess: TableAccess;
  /** Also run on a schedule (EventBridge on AWS, a timer locally), with a plain scheduled event. */
  readonly scheduled?: boolean;
}

export const lambdaFunctions = {
  'rounds-read': {
    entry: 'lambdas/functions/rounds-read.ts',
    description: 'Reads and lists exchange rounds',
    tableAccess: 'read',
  },
  'rounds-write': {
    entry: 'lambdas/functions/rounds-write.ts',
    description: 'Creates, changes and deletes exchange rounds',
    tableAccess: 'readwrite',
  },
  'repatriations-read': {
    entry: 'lambdas/functions/repatriations-read.ts',
    description: 'Reads and lists body repatriations',
    tableAccess: 'read',
  },
  'repatriations-write': {
    entry: 'lambdas/functions/repatriations-write.ts',
    description: 'Creates, changes and deletes body repatriations',
    tableAccess: 'readwrite',
  },
  'persons-read': {
    entry: 'lambdas/functions/persons-read.ts',
    description: 'Reads and lists persons (personal data: viewers and up)',
    tableAccess: 'read',
  },
  'persons-write': {
    entry: 'lambdas/functions/persons-write.ts',
    description: 'Creates, changes and deletes persons',
    tableAccess: 'readwrite',
  },
  'agreements-read': {
    entry: 'lambdas/functions/agreements-read.ts',
    description: 'Reads and lists agreements, each with its progress',
    tableAccess: 'read',
  },
  'agreements-write': {
    entry: 'lambdas/functions/agreements-write.ts',
    description: 'Creates, changes and deletes agreements',
    tableAccess: 'readwrite',
  },
  'negotiations-read': {
    entry: 'lambdas/functions/negotiations-read.ts',
    description: 'Reads and lists negotiation events',
    tableAccess: 'read',
  },
  'negotiations-write': {
    entry: 'lambdas/functions/negotiations-write.ts',
    description: 'Creates, changes and deletes negotiation events',
    tableAccess: 'readwrite',
  },
  'stats-read': {
    entry: 'lambdas/functions/stats-read.ts',
    description: 'Answers the stored summary statistics',
    tableAccess: 'read',
  },
  'stats-refresh': {
    entry: 'lambdas/functions/stats-refresh.ts',
    description: 'Recomputes the summary statistics (on a schedule and on demand)',
    tableAccess: 'readwrite',
    scheduled: true,
  },
  'audit-read': {
    entry: 'lambdas/functions/audit-read.ts',
    description: 'Lists the audit trail of a record (admins)',
    tableAccess: 'read',
  },
  'openapi-read': {
    entry: 'lambdas/functions/openapi-read.ts',
    description: 'Serves the OpenAPI document of the API',
    // Answers a document bundled with it: no table name, no grant.
    tableAccess: 'none',
  },
} as const satisfies Record<string, LambdaFunctionSpec>;

export type FunctionName = keyof typeof lambdaFunctions;

/** The functions marked `scheduled`: EventBridge runs them on AWS, the local server's timer locally. */
export function scheduledFunctionNames(): FunctionName[] {
  return (Object.keys(lambdaFunctions) as FunctionName[]).filter(
    (name) => (lambdaFunctions[name] as LambdaFunctionSpec).scheduled === true,
  );
}

export interface Route {
  readonly method: HttpMethod;
  /** API Gateway resource path, with `{param}` placeholders. */
  readonly path: string;
  readonly fn: FunctionName;
  /** The lowest role that may call the route; roles nest (admin ⊃ editor ⊃ viewer ⊃ public). */
  readonly role: Role;
}

export const routes: readonly Route[] = [
  { method: 'GET', path: '/rounds', fn: 'rounds-read', role: 'public' },
  { method: 'POST', path: '/rounds', fn: 'rounds-write', role: 'editor' },
  { method: 'GET', path: '/rounds/{id}', fn: 'rounds-read', role: 'public' },
  { method: 'PATCH', path: '/rounds/{id}', fn: 'rounds-write', role: 'editor' },
  { method: 'DELETE', path: '/rounds/{id}', fn: 'rounds-write', role: 'admin' },
  { method: 'GET', path: '/rounds/{id}/persons', fn: 'persons-read', role: 'viewer' },
  { method: 'GET', path: '/repatriations', fn: 'repatriations-read', role: 'public' },
  { method: 'POST', path: '/repatriations', fn: 'repatriations-write', role: 'editor' },
  { method: 'GET', path: '/repatriations/{id}', fn: 'repatriations-read', role: 'public' },
  { method: 'PATCH', path: '/repatriations/{id}', fn: 'repatriations-write', role: 'editor' },
  { method: 'DELETE', path: '/repatriations/{id}', fn: 'repatriations-write', role: 'admin' },
  { method: 'GET', path: '/persons', fn: 'persons-read', role: 'viewer' },
  { method: 'POST', path: '/persons', fn: 'persons-write', role: 'editor' },
  { method: 'GET', path: '/persons/{id}', fn: 'persons-read', role: 'viewer' },
  { method: 'PATCH', path: '/persons/{id}', fn: 'persons-write', role: 'editor' },
  { method: 'DELETE', path: '/persons/{id}', fn: 'persons-write', role: 'admin' },
  { method: 'GET', path: '/agreements', fn: 'agreements-read', role: 'public' },
  { method: 'POST', path: '/agreements', fn: 'agreements-write', role: 'editor' },
  { method: 'GET', path: '/agreements/{id}', fn: 'agreements-read', role: 'public' },
  { method: 'PATCH', path: '/agreements/{id}', fn: 'agreements-write', role: 'editor' },
  { method: 'DELETE', path: '/agreements/{id}', fn: 'agreements-write', role: 'admin' },
  { method: 'GET', path: '/negotiations', fn: 'negotiations-read', role: 'public' },
  { method: 'POST', path: '/negotiations', fn: 'negotiations-write', role: 'editor' },
  { method: 'GET', path: '/negotiations/{id}', fn: 'negotiations-read', role: 'public' },
  { method: 'PATCH', path: '/negotiations/{id}', fn: 'negotiations-write', role: 'editor' },
  { method: 'DELETE', path: '/negotiations/{id}', fn: 'negotiations-write', role: 'admin' },
  { method: 'GET', path: '/stats', fn: 'stats-read', role: 'public' },
  { method: 'POST', path: '/stats/refresh', fn: 'stats-refresh', role: 'admin' },
  { method: 'GET', path: '/audit', fn: 'audit-read', role: 'admin' },
  { method: 'GET', path: '/openapi.json', fn: 'openapi-read', role: 'public' },
];

export const routeKey = (method: string, path: string): string => `${method} ${path}`;

export function routesOf(fn: FunctionName): readonly Route[] {
  return routes.filter((route) => route.fn === fn);
}

/** Cognito group names, as they appear in the `cognito:groups` claim. */
export const roleGroups = { viewer: 'viewers', editor: 'editors', admin: 'admins' } as const;

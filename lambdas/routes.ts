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
  /** Memory in MB, when the default (DEFAULT_MEMORY_MB) is not enough; CPU grows with it. */
  readonly memoryMb?: number;
  /** Timeout in seconds, when the default (DEFAULT_TIMEOUT_SECONDS) is not enough; API Gateway answers 504 after 29 s whatever it is. */
  readonly timeoutSeconds?: number;
}

/** A function's memory and timeout unless its spec says otherwise: on AWS (lib/function) and in the local server's Lambda context alike. */
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;

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
  'reconciliations-read': {
    entry: 'lambdas/functions/reconciliations-read.ts',
    description: 'Reads reconciliation reports, their entries and omitted persons (personal data: viewers and up)',
    tableAccess: 'read',
  },
  'reconciliations-write': {
    entry: 'lambdas/functions/reconciliations-write.ts',
    description: 'Matches a counterpart list against the registry persons and stores the report; deletes reports',
    tableAccess: 'readwrite',
    // Holds up to 100,000 persons of a side in memory with their matching keys, and matches 2,000
    // entries against them: 1,769 MB is one full vCPU, which the matching uses; 28 s stays inside
    // API Gateway's 29 s integration timeout (docs/benchmarks.md has the time of a 2,000 × 100,000 run).
    memoryMb: 1769,
    timeoutSeconds: 28,
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
  'exports-read': {
    entry: 'lambdas/functions/exports-read.ts',
    description: 'Answers the public CSV exports of rounds, repatriations, agreements, negotiation events and statistics',
    tableAccess: 'read',
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
  /**
   * A larger body than the contract's 64 KiB, for the one route whose body is a list: a
   * reconciliation of 2,000 entries is about 250 KB (README, "Where this differs from the contract").
   */
  readonly maxBodyBytes?: number;
}

/** The most a route's body may hold. */
export const bodyLimitOf = (route: Pick<Route, 'maxBodyBytes'>): number => route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
/** The contract's limit on a request body (413 above it). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

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
  { method: 'GET', path: '/reconciliations', fn: 'reconciliations-read', role: 'viewer' },
  { method: 'POST', path: '/reconciliations', fn: 'reconciliations-write', role: 'editor', maxBodyBytes: 1024 * 1024 },
  { method: 'GET', path: '/reconciliations/{id}', fn: 'reconciliations-read', role: 'viewer' },
  { method: 'DELETE', path: '/reconciliations/{id}', fn: 'reconciliations-write', role: 'admin' },
  { method: 'GET', path: '/reconciliations/{id}/entries', fn: 'reconciliations-read', role: 'viewer' },
  { method: 'GET', path: '/reconciliations/{id}/omitted', fn: 'reconciliations-read', role: 'viewer' },
  { method: 'GET', path: '/stats', fn: 'stats-read', role: 'public' },
  { method: 'POST', path: '/stats/refresh', fn: 'stats-refresh', role: 'admin' },
  // One route per export: API Gateway's path parameters are whole segments, so `{name}.csv` cannot
  // be one route (`/exports/{file}` could, but would take any name and leave the check to the handler).
  { method: 'GET', path: '/exports/rounds.csv', fn: 'exports-read', role: 'public' },
  { method: 'GET', path: '/exports/repatriations.csv', fn: 'exports-read', role: 'public' },
  { method: 'GET', path: '/exports/agreements.csv', fn: 'exports-read', role: 'public' },
  { method: 'GET', path: '/exports/negotiations.csv', fn: 'exports-read', role: 'public' },
  { method: 'GET', path: '/exports/stats.csv', fn: 'exports-read', role: 'public' },
  { method: 'GET', path: '/audit', fn: 'audit-read', role: 'admin' },
  { method: 'GET', path: '/openapi.json', fn: 'openapi-read', role: 'public' },
];

export const routeKey = (method: string, path: string): string => `${method} ${path}`;

export function routesOf(fn: FunctionName): readonly Route[] {
  return routes.filter((route) => route.fn === fn);
}

/** Cognito group names, as they appear in the `cognito:groups` claim. */
export const roleGroups = { viewer: 'viewers', editor: 'editors', admin: 'admins' } as const;

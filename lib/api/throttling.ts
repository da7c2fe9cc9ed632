import { MethodLoggingLevel, type MethodDeploymentOptions } from 'aws-cdk-lib/aws-apigateway';
import type { Route } from '../../lambdas/routes';

export interface StageThrottling {
  /** Steady-state requests per second (over the whole stage, or per method). */
  readonly rateLimit: number;
  /** Requests admitted at once before the rate applies. */
  readonly burstLimit: number;
}

/** A small registry: edits after each exchange and public reads; well under account limits. */
export const DEFAULT_THROTTLING: StageThrottling = { rateLimit: 50, burstLimit: 100 };

/**
 * Each write method on its own: editors enter an exchange by hand and the importer sends one
 * request at a time (retrying a 429 after Retry-After), so 10 a second is far above real use,
 * while a stolen editor token can no longer spend the stage's whole budget on writes, each of
 * which is a transaction and an audit record (and, for a reconciliation, 28 s of a full vCPU).
 */
export const DEFAULT_WRITE_THROTTLING: StageThrottling = { rateLimit: 10, burstLimit: 20 };

/**
 * The settings every method shares with the stage. A method's own entry is a setting of its own in
 * API Gateway: it repeats the stage's logging settings so that none of its fields is left to a default.
 */
export const METHOD_LOGGING = {
  loggingLevel: MethodLoggingLevel.ERROR,
  // Never log bodies: they contain personal data.
  dataTraceEnabled: false,
  // Per-method metrics are billed per metric; API-wide metrics are free and suffice.
  metricsEnabled: false,
} as const satisfies MethodDeploymentOptions;

/** Every route but a GET is a write: the route table says which, never a list kept here. */
export const isWrite = (route: Pick<Route, 'method'>): boolean => route.method !== 'GET';

/**
 * The stage's `methodOptions`: one entry per write route, keyed `/<resource path>/<METHOD>` as CDK
 * wants them (it encodes the path, `{id}` included, into the stage's method settings).
 */
export function writeMethodOptions(
  routes: readonly Route[],
  throttling: StageThrottling,
): Record<string, MethodDeploymentOptions> {
  return Object.fromEntries(
    routes.filter(isWrite).map((route) => [
      `${route.path}/${route.method}`,
      { ...METHOD_LOGGING, throttlingRateLimit: throttling.rateLimit, throttlingBurstLimit: throttling.burstLimit },
    ]),
  );
}

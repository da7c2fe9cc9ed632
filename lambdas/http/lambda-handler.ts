/**
 * One Lambda function = the routes of the route table that name it. The handler dispatches on API
 * Gateway's resource path and method, through the shared middleware chain.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { routeKey, routesOf, type FunctionName } from '../routes';
import type { RegistryEvent } from './event';
import type { RouteHandler } from './route';
import { authorizeCaller, errorResponses, jsonBody, normalizeHeaders, requestIdOf, resolveRoute } from './middleware';
import { toResult } from './result';
import { RETRY_AFTER_SECONDS, UnavailableError } from '../domain/errors';
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { observeRequests } from './observe-requests';

export type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Kept back from the function's timeout for the answer: if the handler has not answered by then
 * (DynamoDB hung, or every SDK attempt timed out one after another), the caller gets the
 * contract's 503 with Retry-After instead of API Gateway's bare 502/504 for a Lambda timeout.
 */
export const EARLY_ANSWER_MS = 1_000;

const timedOut = (): never => {
  throw new UnavailableError(RETRY_AFTER_SECONDS, 'The data store did not answer in time');
};

export function lambdaHandler(fn: FunctionName, implementations: Readonly<Record<string, RouteHandler>>): LambdaHandler {
  const table = new Map(routesOf(fn).map((route) => [routeKey(route.method, route.path), route]));
  // Checked at load, so a function and the route table cannot drift apart unnoticed.
  const missing = [...table.keys()].filter((key) => !Object.hasOwn(implementations, key));
  if (missing.length > 0) throw new Error(`${fn} has no implementation for ${missing.join(', ')}`);
  const stray = Object.keys(implementations).filter((key) => !table.has(key));
  if (stray.length > 0) throw new Error(`${fn} implements routes the route table does not give it: ${stray.join(', ')}`);

  const dispatch = async (event: RegistryEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const requestId = requestIdOf(event, context);
    const handle = implementations[routeKey(event.route!.method, event.route!.path)]!;
    return toResult(await handle(event, requestId), event, requestId);
  };

  const handler = middy<RegistryEvent, APIGatewayProxyResult, Error, Context>({ timeoutEarlyInMillis: EARLY_ANSWER_MS, timeoutEarlyResponse: timedOut })
    // logEvent false whatever POWERTOOLS_LOGGER_LOG_EVENT says: an event holds bodies with personal data.
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(observeRequests())
    .use(errorResponses())
    .use(normalizeHeaders())
    .use(resolveRoute(table))
    .use(authorizeCaller())
    .use(jsonBody())
    .handler(dispatch);
  return handler as unknown as LambdaHandler;
}

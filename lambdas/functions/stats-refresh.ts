/**
 * One function, two callers: API Gateway (`POST /stats/refresh`, admins) and the schedule
 * (EventBridge on AWS, the local server's timer). A scheduled run that fails throws, so the
 * invocation is retried and finally lands in the dead-letter queue.
 */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { lambdaHandler } from '../http/lambda-handler';
import { statsRefreshRoutes } from '../http/stats-routes';
import { countedRefresh } from '../service/refresh-stats';
import { logger } from '../observability/logger';

export const routes = statsRefreshRoutes();
const api = lambdaHandler('stats-refresh', routes);

const isApiEvent = (event: unknown): event is APIGatewayProxyEvent =>
  typeof event === 'object' && event !== null && 'httpMethod' in event;

export async function handler(event: unknown, context: Context) {
  if (isApiEvent(event)) return api(event, context);
  logger.addContext(context);
  const { stats, read, stored, ms } = await countedRefresh();
  logger.info('stats refreshed', {
    generatedAt: stats.generatedAt,
    stored,
    itemsRead: read.items,
    pages: read.pages,
    capacityUnits: read.capacityUnits,
    ms: Math.round(ms),
  });
  return { generatedAt: stats.generatedAt, itemsRead: read.items };
}

import { lambdaHandler } from '../http/lambda-handler';
import { statsReadRoutes } from '../http/stats-routes';

export const routes = statsReadRoutes();
export const handler = lambdaHandler('stats-read', routes);

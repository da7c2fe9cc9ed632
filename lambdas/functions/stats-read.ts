import { lambdaHandler } from '../http/lambda-handler';
import { statsReadRoutes } from '../http/stats-routes';

export const handler = lambdaHandler('stats-read', statsReadRoutes());

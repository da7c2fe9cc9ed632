import { lambdaHandler } from '../http/lambda-handler';
import { exportRoutes } from '../http/export-routes';

export const routes = exportRoutes();
export const handler = lambdaHandler('exports-read', routes);

import { lambdaHandler } from '../http/lambda-handler';
import { readRoutes } from '../http/record-routes';
import { repatriations } from '../resources/repatriations';

export const routes = readRoutes(repatriations);
export const handler = lambdaHandler('repatriations-read', routes);

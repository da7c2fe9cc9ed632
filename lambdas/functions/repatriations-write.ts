import { lambdaHandler } from '../http/lambda-handler';
import { writeRoutes } from '../http/record-routes';
import { repatriations } from '../resources/repatriations';

export const routes = writeRoutes(repatriations);
export const handler = lambdaHandler('repatriations-write', routes);

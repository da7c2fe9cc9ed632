import { lambdaHandler } from '../http/lambda-handler';
import { readRoutes } from '../http/record-routes';
import { repatriations } from '../resources/repatriations';

const read = readRoutes(repatriations);

export const routes = {
  'GET /repatriations': read.list,
  'GET /repatriations/{id}': read.read,
};
export const handler = lambdaHandler('repatriations-read', routes);

import { lambdaHandler } from '../http/lambda-handler';
import { readRoutes } from '../http/record-routes';
import { negotiations } from '../resources/negotiations';

const read = readRoutes(negotiations);

export const routes = {
  'GET /negotiations': read.list,
  'GET /negotiations/{id}': read.read,
};
export const handler = lambdaHandler('negotiations-read', routes);

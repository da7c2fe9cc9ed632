import { lambdaHandler } from '../http/lambda-handler';
import { readRoutes } from '../http/record-routes';
import { rounds } from '../resources/rounds';

const read = readRoutes(rounds);

export const routes = {
  'GET /rounds': read.list,
  'GET /rounds/{id}': read.read,
};
export const handler = lambdaHandler('rounds-read', routes);

import { lambdaHandler } from '../http/lambda-handler';
import { readRoutes } from '../http/record-routes';
import { rounds } from '../resources/rounds';

export const routes = readRoutes(rounds);
export const handler = lambdaHandler('rounds-read', routes);

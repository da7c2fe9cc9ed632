import { lambdaHandler } from '../http/lambda-handler';
import { writeRoutes } from '../http/record-routes';
import { rounds } from '../resources/rounds';

export const routes = writeRoutes(rounds);
export const handler = lambdaHandler('rounds-write', routes);

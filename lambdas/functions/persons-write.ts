import { lambdaHandler } from '../http/lambda-handler';
import { writeRoutes } from '../http/record-routes';
import { persons } from '../resources/persons';

export const routes = writeRoutes(persons);
export const handler = lambdaHandler('persons-write', routes);

import { lambdaHandler } from '../http/lambda-handler';
import { writeRoutes } from '../http/record-routes';
import { rounds } from '../resources/rounds';

const write = writeRoutes(rounds);

export const routes = {
  'POST /rounds': write.create,
  'PATCH /rounds/{id}': write.update,
  'DELETE /rounds/{id}': write.remove,
};
export const handler = lambdaHandler('rounds-write', routes);

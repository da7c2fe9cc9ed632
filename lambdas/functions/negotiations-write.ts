import { lambdaHandler } from '../http/lambda-handler';
import { writeRoutes } from '../http/record-routes';
import { negotiations } from '../resources/negotiations';

const write = writeRoutes(negotiations);

export const routes = {
  'POST /negotiations': write.create,
  'PATCH /negotiations/{id}': write.update,
  'DELETE /negotiations/{id}': write.remove,
};
export const handler = lambdaHandler('negotiations-write', routes);

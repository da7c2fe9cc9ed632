import { lambdaHandler } from '../http/lambda-handler';
import { writeRoutes } from '../http/record-routes';
import { persons } from '../resources/persons';

const write = writeRoutes(persons);

export const routes = {
  'POST /persons': write.create,
  'PATCH /persons/{id}': write.update,
  'DELETE /persons/{id}': write.remove,
};
export const handler = lambdaHandler('persons-write', routes);

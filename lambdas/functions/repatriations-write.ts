import { lambdaHandler } from '../http/lambda-handler';
import { writeRoutes } from '../http/record-routes';
import { repatriations } from '../resources/repatriations';

const write = writeRoutes(repatriations);

export const routes = {
  'POST /repatriations': write.create,
  'PATCH /repatriations/{id}': write.update,
  'DELETE /repatriations/{id}': write.remove,
};
export const handler = lambdaHandler('repatriations-write', routes);

import { lambdaHandler } from '../http/lambda-handler';
import { writeRoutes } from '../http/record-routes';
import { agreements } from '../resources/agreements';
import { progressBeforeUpdate, progressOfNew, withProgress } from '../service/agreement-progress';

const write = writeRoutes(agreements, { stored: withProgress, created: progressOfNew, beforeUpdate: progressBeforeUpdate });

export const routes = {
  'POST /agreements': write.create,
  'PATCH /agreements/{id}': write.update,
  'DELETE /agreements/{id}': write.remove,
};
export const handler = lambdaHandler('agreements-write', routes);

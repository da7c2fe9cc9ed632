import { lambdaHandler } from '../http/lambda-handler';
import { readRoutes } from '../http/record-routes';
import { agreements } from '../resources/agreements';
import { progressOfNew, withProgress } from '../service/agreement-progress';

const read = readRoutes(agreements, { stored: withProgress, created: progressOfNew });

export const routes = {
  'GET /agreements': read.list,
  'GET /agreements/{id}': read.read,
};
export const handler = lambdaHandler('agreements-read', routes);

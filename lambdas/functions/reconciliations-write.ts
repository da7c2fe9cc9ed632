import { lambdaHandler } from '../http/lambda-handler';
import { reconciliationWriteRoutes } from '../http/reconciliation-routes';

export const routes = reconciliationWriteRoutes();
export const handler = lambdaHandler('reconciliations-write', routes);

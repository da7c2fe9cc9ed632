import { lambdaHandler } from '../http/lambda-handler';
import { reconciliationReadRoutes } from '../http/reconciliation-routes';

export const routes = reconciliationReadRoutes();
export const handler = lambdaHandler('reconciliations-read', routes);

import { auditRoutes } from '../http/audit-routes';
import { lambdaHandler } from '../http/lambda-handler';

export const routes = auditRoutes();
export const handler = lambdaHandler('audit-read', routes);

import { auditRoutes } from '../http/audit-routes';
import { lambdaHandler } from '../http/lambda-handler';

export const handler = lambdaHandler('audit-read', auditRoutes());

/**
 * `GET /openapi.json` (public): the OpenAPI document, generated at build time by `npm run openapi`
 * (bin/openapi.ts) and bundled into this function as data. Nothing is generated here, and neither
 * the generator nor the AWS SDK is part of this bundle.
 */
import document from '../../docs/openapi.json';
import { lambdaHandler } from '../http/lambda-handler';
import { route } from '../http/route';

const body = JSON.stringify(document);

export const routes = {
  'GET /openapi.json': route({ handle: async () => ({ status: 200, rawBody: body }) }),
};
export const handler = lambdaHandler('openapi-read', routes);

/**
 * `npm run openapi`: writes docs/openapi.json, the OpenAPI 3.1 document generated from the route
 * table and the handlers' own zod schemas (bin/openapi/). `GET /openapi.json` serves that file;
 * test/openapi fails while it is stale.
 */
import { writeFileSync } from 'node:fs';
import { renderOpenApiDocument } from './openapi/document';

const OPENAPI_FILE = new URL('../docs/openapi.json', import.meta.url);

const text = await renderOpenApiDocument();
writeFileSync(OPENAPI_FILE, text);
console.log(`Wrote docs/openapi.json (${Buffer.byteLength(text)} bytes)`);

/** One operation of the document: parameters from the route's schemas, body, answers and errors. */
import type { RouteSchemas } from '../../lambdas/http/route';
import { bodyLimitOf, type Route } from '../../lambdas/routes';
import { badRequest, headerRef, invalidReference, payloadTooLarge, responseRef, schemaRef, type ErrorAnswer } from './components';
import type { RouteDoc } from './route-docs';
import type { JsonSchema, SchemaCatalog } from './schemas';
import { queryDefaults, queryText, roleSentence } from './texts';

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

export function routeParameters(route: Route, spec: RouteSchemas, doc: RouteDoc, catalog: SchemaCatalog): Parameter[] {
  const parameters: Parameter[] = [];
  if (spec.params) {
    const json = catalog.inline(spec.params, 'input');
    for (const [name, schema] of Object.entries(json.properties as Record<string, JsonSchema>)) {
      const description = doc.params?.[name];
      if (!description) throw new Error(`No description for path parameter ${name} of ${route.method} ${route.path}`);
      parameters.push({ name, in: 'path', required: true, description, schema });
    }
  }
  const query = catalog.inline(spec.query, 'output');
  const required = new Set((query.required as string[] | undefined) ?? []);
  for (const [name, schema] of Object.entries((query.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    const description = doc.query?.[name] ?? queryText[name];
    if (!description) throw new Error(`No description for query parameter ${name} of ${route.method} ${route.path}`);
    const withDefault = name in queryDefaults ? { ...schema, default: queryDefaults[name] } : schema;
    parameters.push({ name, in: 'query', required: required.has(name), description, schema: withDefault });
  }
  return parameters;
}

export const componentName = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** The header of a file to save (an export), with its one possible value. */
const contentDisposition = (filename: string) => ({
  description: `Saves the answer as \`${filename}\`.`,
  required: true,
  schema: { type: 'string', const: `attachment; filename="${filename}"` },
});

/** `errorVariants` collects the error components that come in variants (400 per kind of route, 413 per body limit, 422 per field). */
export function operation(route: Route, spec: RouteSchemas, doc: RouteDoc, parameters: unknown[], catalog: SchemaCatalog, errorVariants: Map<string, ErrorAnswer>) {
  const withBody = route.method === 'POST' || route.method === 'PATCH';
  const listing = Boolean((catalog.inline(spec.query, 'output').properties as Record<string, unknown> | undefined)?.cursor);
  const responses: Record<string, unknown> = {};
  const { success } = doc;
  const successHeaders: Record<string, unknown> = {
    ...(success.etag ? { ETag: headerRef('ETag') } : {}),
    ...(success.location ? { Location: headerRef('Location') } : {}),
    ...(success.replayable ? { 'Idempotent-Replayed': headerRef('IdempotentReplayed') } : {}),
    ...(success.csv ? { 'Content-Disposition': contentDisposition(success.csv.filename) } : {}),
    'X-Request-Id': headerRef('XRequestId'),
  };
  responses[String(success.status)] = {
    description: success.description,
    headers: successHeaders,
    ...(success.csv ? { content: { 'text/csv': { schema: { type: 'string' }, example: success.csv.example } } } : {}),
    ...(success.schema
      ? { content: { 'application/json': { schema: schemaRef(success.schema), ...(success.examples ? { examples: success.examples } : {}) } } }
      : {}),
  };
  const [badRequestName, badRequestAnswer] = badRequest({ list: listing, body: withBody });
  errorVariants.set(badRequestName, badRequestAnswer);
  responses['400'] = responseRef(badRequestName);
  if (route.role !== 'public') {
    responses['401'] = responseRef('Unauthorized');
    responses['403'] = responseRef('Forbidden', `The token does not carry the ${route.role} role (or a higher one).`);
  }
  if (doc.notFound) responses['404'] = responseRef('NotFound', doc.notFound);
  if (doc.conflict) responses['409'] = responseRef('Conflict', doc.conflict);
  if (doc.ifMatch) responses['412'] = responseRef('PreconditionFailed');
  if (withBody) {
    // The route's own limit (64 KiB unless the route table gives it another), as the handlers apply it.
    const [tooLargeName, tooLargeAnswer] = payloadTooLarge(bodyLimitOf(route));
    errorVariants.set(tooLargeName, tooLargeAnswer);
    responses['413'] = responseRef(tooLargeName);
    responses['415'] = responseRef('UnsupportedMediaType');
  }
  if (doc.invalidReference) {
    const [name, answer] = invalidReference(doc.invalidReference);
    const known = errorVariants.get(name);
    if (known && known.description !== answer.description) throw new Error(`${name}: two texts say differently when it answers (${known.description} / ${answer.description})`);
    errorVariants.set(name, answer);
    responses['422'] = responseRef(name);
  }
  responses['429'] = responseRef('Throttled');
  responses['500'] = responseRef('Internal');
  responses['503'] = responseRef('Unavailable');

  const body = spec.body
    ? {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: catalog.ref(spec.body), ...(doc.requestExamples ? { examples: doc.requestExamples } : {}) } },
        },
      }
    : {};
  return {
    tags: [doc.tag],
    summary: doc.summary,
    description: `${doc.description}\n\n${roleSentence(route.role)}`,
    operationId: doc.operationId,
    'x-required-role': route.role,
    security: route.role === 'public' ? [] : [{ bearerAuth: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...body,
    responses,
  };
}


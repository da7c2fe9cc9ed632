/**
 * Builds the OpenAPI 3.1 document of the whole API from the route table and the very schemas the
 * handlers validate with: each Lambda entry exports its `routes`, and each route() carries its
 * `spec`. Deterministic: the same code gives the same bytes (no timestamps, stable order).
 */
import { readFileSync } from 'node:fs';
import type { RouteHandler, RouteSchemas } from '../../lambdas/http/route';
import { persons } from '../../lambdas/resources/persons';
import { rounds } from '../../lambdas/resources/rounds';
import { bodyLimitOf, DEFAULT_MAX_BODY_BYTES, lambdaFunctions, routeKey, routes, routesOf, type FunctionName } from '../../lambdas/routes';
import { errorAnswers, errorResponse, headerParameters, headers, parameterRef, securitySchemes, sizeText, tags, type ErrorAnswer } from './components';
import { examples } from './examples';
import { exportRouteDocs } from './export-docs';
import { describeFields, nameSchemas, outcomeText } from './named-schemas';
import { componentName, operation, routeParameters } from './operation';
import { reconciliationExamples } from './reconciliation-examples';
import { docFor, nestedListDoc, otherRouteDocs, reconciliationRouteDocs, recordRouteDocs, type RouteDoc } from './route-docs';
import { errorSchema } from './response-schemas';
import { SchemaCatalog, type JsonSchema } from './schemas';
import { auditExamples, infoDescription, resourceTexts, serverList, type AnyResource } from './texts';

const projectRoot = new URL('../../', import.meta.url);

/** The schemas of every route, read from the Lambda entries that serve them. */
export async function loadRouteSchemas(): Promise<Map<string, RouteSchemas>> {
  const found = new Map<string, RouteSchemas>();
  for (const fn of Object.keys(lambdaFunctions) as FunctionName[]) {
    const served = routesOf(fn);
    if (served.length === 0) continue;
    const entry = lambdaFunctions[fn].entry;
    const module = (await import(new URL(entry, projectRoot).href)) as { routes?: Record<string, RouteHandler> };
    for (const route of served) {
      const key = routeKey(route.method, route.path);
      const spec = module.routes?.[key]?.spec;
      if (!spec) throw new Error(`${entry} must export its route() implementations as \`routes\`, including ${key}`);
      found.set(key, spec);
    }
  }
  return found;
}

export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const specs = await loadRouteSchemas();
  const catalog = new SchemaCatalog();
  nameSchemas(catalog);

  const docs = new Map<string, RouteDoc>();
  for (const [resource, text] of resourceTexts) for (const [key, doc] of recordRouteDocs(resource, text)) docs.set(key, doc);
  // GET /rounds/{id}/persons: the persons exchanged in a round.
  const [parent, child] = [rounds, persons] as unknown as [AnyResource, AnyResource];
  docs.set(...nestedListDoc(parent, resourceTexts.get(parent)!, child, resourceTexts.get(child)!));
  for (const [key, doc] of otherRouteDocs({ stats: examples.stats, audit: auditExamples })) docs.set(key, doc);
  const exportRecords = {
    rounds: examples.roundPage.items,
    repatriations: examples.repatriationPage.items,
    agreements: examples.agreementPage.items,
    negotiations: examples.negotiationPage.items,
  };
  for (const [key, doc] of exportRouteDocs({ records: exportRecords, stats: examples.stats })) docs.set(key, doc);
  const reconcile = routes.find((route) => route.method === 'POST' && route.path === '/reconciliations')!;
  const reconciliationTexts = { outcomes: outcomeText, bodyLimit: sizeText(bodyLimitOf(reconcile)), defaultLimit: sizeText(DEFAULT_MAX_BODY_BYTES) };
  for (const [key, doc] of reconciliationRouteDocs(reconciliationExamples, reconciliationTexts)) docs.set(key, doc);
  const unused = [...docs.keys()].filter((key) => !routes.some((route) => routeKey(route.method, route.path) === key));
  if (unused.length) throw new Error(`Described routes that the route table lacks: ${unused.join(', ')}`);

  // Parameters: the form of a query parameter that several routes share, identically, becomes a
  // component (the most used form, when routes word it differently); other forms stay inline.
  const perRoute = routes.map((route) => {
    const spec = specs.get(routeKey(route.method, route.path))!;
    const doc = docFor(route, docs);
    return { route, spec, doc, parameters: routeParameters(route, spec, doc, catalog) };
  });
  const uses = new Map<string, Map<string, number>>();
  for (const { parameters } of perRoute) {
    for (const parameter of parameters.filter((p) => p.in === 'query')) {
      const forms = uses.get(parameter.name) ?? new Map<string, number>();
      const form = JSON.stringify(parameter);
      uses.set(parameter.name, forms.set(form, (forms.get(form) ?? 0) + 1));
    }
  }
  /** The shared form of each parameter that has one (the first seen among equally used forms). */
  const sharedForm = new Map<string, string>();
  for (const [name, forms] of uses) {
    const [form, count] = [...forms].reduce((best, next) => (next[1] > best[1] ? next : best));
    if (count > 1) sharedForm.set(name, form);
  }
  const isShared = (p: { name: string; in: string }) => p.in === 'query' && sharedForm.get(p.name) === JSON.stringify(p);
  const parameterComponents: Record<string, unknown> = {};
  for (const { parameters } of perRoute) {
    for (const parameter of parameters) if (isShared(parameter)) parameterComponents[componentName(parameter.name)] = parameter;
  }

  const errorVariants = new Map<string, ErrorAnswer>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { route, spec, doc, parameters } of perRoute) {
    const listed: unknown[] = parameters.map((p) => (isShared(p) ? parameterRef(componentName(p.name)) : p));
    if (doc.ifMatch) listed.push(parameterRef('IfMatch'));
    if (doc.idempotencyKey) listed.push(parameterRef('IdempotencyKey'));
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, spec, doc, listed, catalog, errorVariants);
  }

  const componentSchemas = catalog.components();
  describeFields(componentSchemas);
  const responses: Record<string, JsonSchema> = {};
  // Each error answer inlines the error shape with its own codes (see errorResponse).
  const errorShape = catalog.inline(errorSchema, 'output');
  for (const name of [...errorVariants.keys()].sort()) responses[name] = errorResponse(errorVariants.get(name)!, errorShape);
  for (const [name, answer] of Object.entries(errorAnswers)) responses[name] = errorResponse(answer, errorShape);

  const { version } = JSON.parse(readFileSync(new URL('package.json', projectRoot), 'utf8')) as { version: string };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Exchange Registry API',
      summary: 'Prisoner exchanges between Ukraine and Russia: rounds, repatriations, persons, agreements, negotiations, reconciliations, statistics, audit.',
      description: infoDescription,
      version,
    },
    servers: serverList(),
    tags,
    paths,
    components: {
      schemas: componentSchemas,
      parameters: { ...parameterComponents, ...headerParameters },
      headers,
      responses,
      securitySchemes,
    },
  };
}

/** The file's bytes: two-space JSON and a final newline. */
export async function renderOpenApiDocument(): Promise<string> {
  return `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
}

/**
 * Every answer the integration and HTTP tests receive is checked against docs/openapi.json: the
 * status must be documented for the operation, the documented headers present and well-formed,
 * and the body valid for the documented schema (errors included). test/openapi/staleness.test.ts
 * keeps the file equal to what the code generates, so this checks the code against itself.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';

type Json = Record<string, any>;

const DOCUMENT_FILE = new URL('../../docs/openapi.json', import.meta.url);
export const openApiDocument: Json = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8'));

const SCHEMAS_ID = 'urn:exchange-registry:openapi';
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `#/components/schemas/X` → the same schema inside the one ajv schema that holds them all. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')
          ? `${SCHEMAS_ID}#/$defs/${inner.slice('#/components/schemas/'.length)}`
          : rewriteRefs(inner),
      ]),
    );
  }
  return value;
}

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
// An IRI: what z.url() accepts (any URL the WHATWG parser takes, Cyrillic hosts included).
ajv.addFormat('iri', (value: string) => URL.canParse(value));
ajv.addSchema({ $id: SCHEMAS_ID, $defs: rewriteRefs(openApiDocument.components.schemas) as Json });

/** Follows a `$ref` inside the document (responses, headers, parameters). */
function resolve<T = Json>(node: Json): T {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 10) throw new Error(`$ref loop at ${current.$ref}`);
    current = (current.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((at: Json, part) => at?.[part], openApiDocument);
  }
  return current as T;
}

const compiled = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as Json);
    compiled.set(key, validate);
  }
  return validate;
}

interface Template {
  readonly path: string;
  readonly pattern: RegExp;
  readonly params: number;
}

const templates: Template[] = Object.keys(openApiDocument.paths).map((path) => {
  const segments = path.split('/').map((segment) => (/^\{\w+\}$/.test(segment) ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return { path, pattern: new RegExp(`^${segments.join('/')}/?$`), params: (path.match(/\{/g) ?? []).length };
});

/** The document's path template for a concrete path (query string ignored); literal segments win, as in API Gateway. */
export function templateOf(path: string): string | undefined {
  const bare = path.split('?')[0]!;
  if (openApiDocument.paths[bare]) return bare;
  return templates.filter((t) => t.pattern.test(bare)).sort((a, b) => a.params - b.params)[0]?.path;
}

export function operationOf(method: string, path: string): { template: string; operation: Json } | undefined {
  const template = templateOf(path);
  const operation = template ? openApiDocument.paths[template]?.[method.toLowerCase()] : undefined;
  return template && operation ? { template, operation } : undefined;
}

type HeaderSource = Headers | Readonly<Record<string, string | undefined>>;
const headerOf = (headers: HeaderSource, name: string): string | undefined =>
  headers instanceof Headers
    ? (headers.get(name) ?? undefined)
    : Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

const describeErrors = (validate: ValidateFunction) =>
  (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`).join('; ');

function checkResponse(where: string, response: Json, headers: HeaderSource, text: string, key: string): string[] {
  const problems: string[] = [];
  for (const [name, headerNode] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
    const header = resolve(headerNode);
    const value = headerOf(headers, name);
    if (value === undefined) {
      if (header.required) problems.push(`${where}: header ${name} is required`);
      continue;
    }
    const schema = header.schema as Json;
    const typed = schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
    const validate = validatorFor(`${key} header ${name}`, schema);
    if (!validate(typed)) problems.push(`${where}: header ${name}: ${JSON.stringify(value)} ${describeErrors(validate)}`);
  }
  const [mediaType, media] = (Object.entries(response.content ?? {})[0] ?? []) as [string | undefined, Json | undefined];
  if (!mediaType || !media) {
    if (text !== '') problems.push(`${where}: documented without a body, answered ${JSON.stringify(text.slice(0, 200))}`);
    return problems;
  }
  const contentType = headerOf(headers, 'content-type');
  if (mediaType !== 'application/json') {
    // A file (the CSV exports): its media type, a UTF-8 charset for text, and the body as the documented string; never parsed as JSON.
    const [type, ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
    if (type !== mediaType) problems.push(`${where}: content-type ${contentType ?? '(none)'}, not ${mediaType}`);
    else if (type.startsWith('text/') && !parameters.includes('charset=utf-8')) problems.push(`${where}: content-type ${contentType} names no charset=utf-8`);
    const validate = validatorFor(`${key} body`, media.schema as Json);
    if (!validate(text)) problems.push(`${where}: body does not match the schema: ${describeErrors(validate)}`);
    return problems;
  }
  if (!contentType || !/^application\/json\b/i.test(contentType)) problems.push(`${where}: content-type ${contentType ?? '(none)'}, not application/json`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `${where}: body is not JSON: ${JSON.stringify(text.slice(0, 200))}`];
  }
  const validate = validatorFor(`${key} body`, media.schema as Json);
  if (!validate(body)) problems.push(`${where}: body does not match the schema: ${describeErrors(validate)}`);
  return problems;
}

/** What is wrong with a value by a schema of the document (with `#/components/schemas` refs). */
export function schemaProblems(schema: Json, value: unknown): string[] {
  const validate = validatorFor(JSON.stringify(schema), schema);
  return validate(value) ? [] : [describeErrors(validate)];
}

/** What is wrong with an answer, by the document; empty when it keeps the contract. */
export function contractProblems(method: string, path: string, status: number, headers: HeaderSource, text: string): string[] {
  const verb = method.toUpperCase();
  if (verb === 'OPTIONS' || verb === 'HEAD') return []; // CORS preflights are API Gateway's / the local server's, not the contract's
  const found = operationOf(verb, path);
  if (!found) {
    // No such route (or method): the contract's 404 `not_found`, the same on AWS and locally.
    const where = `${verb} ${path} (no such route)`;
    if (status !== 404) return [`${where}: answered ${status}, the contract says 404`];
    return checkResponse(where, resolve(openApiDocument.components.responses.NotFound), headers, text, 'unknown route 404');
  }
  const where = `${verb} ${found.template} → ${status}`;
  const node = found.operation.responses?.[String(status)];
  if (!node) {
    const documented = Object.keys(found.operation.responses ?? {}).join(', ');
    return [`${where}: status ${status} is not documented for this operation (documented: ${documented}); body ${text.slice(0, 300)}`];
  }
  return checkResponse(where, resolve(node), headers, text, `${verb} ${found.template} ${status}`);
}

/** Throws, naming each problem, when the answer breaks the contract. */
export function expectToMatchContract(method: string, path: string, status: number, headers: HeaderSource, text: string): void {
  const problems = contractProblems(method, path, status, headers, text);
  if (problems.length) throw new Error(`Answer outside the OpenAPI contract (docs/openapi.json):\n- ${problems.join('\n- ')}`);
}

export const documentedOperations = (): { method: string; path: string; operation: Json }[] =>
  Object.entries(openApiDocument.paths as Record<string, Json>).flatMap(([path, item]) =>
    methods.filter((method) => item[method]).map((method) => ({ method: method.toUpperCase(), path, operation: item[method] as Json })),
  );

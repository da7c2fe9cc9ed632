/** The document covers the route table exactly: every route with its role, security and errors; examples valid. */
import { describe, expect, it } from 'vitest';
import { routes } from '../../lambdas/routes';
import { documentedOperations, openApiDocument, schemaProblems } from '../support/contract';

type Json = Record<string, any>;
const key = (method: string, path: string) => `${method} ${path}`;

function resolve(node: Json): Json {
  if (typeof node?.$ref !== 'string') return node;
  return resolve(node.$ref.slice(2).split('/').reduce((at: Json, part: string) => at[part], openApiDocument));
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the bearer JWT scheme', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    expect(openApiDocument.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('documents every route of the route table, and nothing else', () => {
    expect(documentedOperations().map((op) => key(op.method, op.path)).sort()).toEqual(routes.map((r) => key(r.method, r.path)).sort());
  });

  it.each(routes.map((route) => [key(route.method, route.path), route] as const))('%s: role, security and errors', (_, route) => {
    const operation = openApiDocument.paths[route.path][route.method.toLowerCase()];
    expect(operation['x-required-role']).toBe(route.role);
    expect(operation.description).toContain(`**Role:** ${route.role}`);
    expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
    expect(operation.tags).toHaveLength(1);
    const statuses = Object.keys(operation.responses);
    if (route.role === 'public') {
      expect(operation.security).toEqual([]);
      expect(statuses).not.toContain('401');
    } else {
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      expect(statuses).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(statuses).toEqual(expect.arrayContaining(['400', '429', '500', '503']));
    if (route.path.includes('{id}')) expect(statuses).toContain('404');
    if (route.method === 'PATCH' || route.method === 'DELETE') expect(statuses).toContain('412');
    if (route.method === 'POST' || route.method === 'PATCH') expect(statuses).toEqual(expect.arrayContaining(['413', '415']));
    const headerNames = (operation.parameters ?? []).map((p: Json) => resolve(p)).filter((p: Json) => p.in === 'header').map((p: Json) => p.name);
    if (route.method === 'PATCH' || route.method === 'DELETE') expect(headerNames).toContain('If-Match');
    const success = statuses.find((status) => status.startsWith('2'))!;
    expect(Object.keys(resolve(operation.responses[success]).headers)).toContain('X-Request-Id');
    expect(resolve(operation.responses['503']).headers).toHaveProperty('Retry-After');
  });

  it('documents ETag on single-record answers, Location on creates, Idempotency-Key on creates', () => {
    const recordRoutes = routes.filter((r) => /^\/(rounds|repatriations|persons)(\/\{id\})?$/.test(r.path));
    expect(recordRoutes).toHaveLength(15);
    for (const route of recordRoutes) {
      const operation = openApiDocument.paths[route.path][route.method.toLowerCase()];
      const responses = operation.responses;
      if (route.method === 'POST') {
        expect(Object.keys(responses['201'].headers)).toEqual(expect.arrayContaining(['ETag', 'Location', 'X-Request-Id']));
        expect(operation.parameters.map((p: Json) => resolve(p).name)).toContain('Idempotency-Key');
        expect(Object.keys(responses)).toContain('409');
      } else if (route.method !== 'DELETE' && route.path.endsWith('{id}')) {
        expect(Object.keys(responses['200'].headers)).toContain('ETag');
      }
    }
  });

  it('has examples that match their schemas', () => {
    const mediaTypes: [string, Json][] = [];
    for (const op of documentedOperations()) {
      const where = key(op.method, op.path);
      const body = op.operation.requestBody?.content?.['application/json'];
      if (body) mediaTypes.push([`${where} request`, body]);
      for (const [status, response] of Object.entries(op.operation.responses as Json)) {
        const media = resolve(response).content?.['application/json'];
        if (media) mediaTypes.push([`${where} ${status}`, media]);
      }
    }
    let checked = 0;
    for (const [where, media] of mediaTypes) {
      for (const [name, example] of Object.entries((media.examples ?? {}) as Json)) {
        expect(schemaProblems(media.schema, example.value), `${where} example ${name}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('takes the round and repatriation examples from the public record', () => {
    const create = openApiDocument.paths['/rounds'].post.requestBody.content['application/json'].examples;
    expect(create.completed.value).toMatchObject({ date: '2025-05-23', status: 'completed', returnedToUkraine: { total: 390 } });
    const stats = openApiDocument.paths['/stats'].get.responses['200'].content['application/json'].examples.dataset.value;
    // data/README.md states these sums for 2025.
    expect(stats.byYear.find((y: Json) => y.year === 2025)).toMatchObject({ rounds: 20, returnedToUkraine: 2216, repatriations: 16, bodiesToUkraine: 16301 });
  });
});

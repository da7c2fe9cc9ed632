import { ALLOWED_ORIGIN } from '../support/unit-cors-env';
import { ddb, resetDdb } from '../support/ddb-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { handler as readHandler, routes as roundsRead } from '../../lambdas/functions/rounds-read';
import { handler as writeHandler, routes as roundsWrite } from '../../lambdas/functions/rounds-write';
import { lambdaHandler } from '../../lambdas/http/lambda-handler';
import type { RouteHandler } from '../../lambdas/http/route';
import { routes } from '../../lambdas/routes';
import { bodyOf, header, lambdaContext, restEvent, ROUND_ID, storedRoundItem, validRound } from '../support/unit-events';

const getRound = (headers: Record<string, string>) =>
  readHandler(restEvent({ method: 'GET', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, headers }), lambdaContext('req-cors'));

beforeEach(() => {
  resetDdb();
  ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(TransactWriteCommand).resolves({});
});

describe('every answer', () => {
  it('carries the request id and a JSON content type', async () => {
    const result = await getRound({});
    expect(header(result, 'x-request-id')).toBe('req-cors');
    expect(header(result, 'content-type')).toMatch(/^application\/json/);
  });

  it('falls back to the gateway request id without a Lambda request id', async () => {
    const result = await readHandler(restEvent({ method: 'GET', resource: '/rounds' }), { ...lambdaContext(), awsRequestId: '' });
    expect(header(result, 'x-request-id')).toBe('gateway-request-id');
  });

  it('copes with API Gateway sending null headers and query maps', async () => {
    const event = { ...restEvent({ method: 'GET', resource: '/rounds' }), headers: null, multiValueHeaders: null } as never;
    const result = await readHandler(event, lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ items: [], nextCursor: null });
  });
});

describe('CORS', () => {
  it('echoes an allowed origin and exposes the contract headers', async () => {
    const result = await getRound({ Origin: ALLOWED_ORIGIN });
    expect(header(result, 'access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const exposed = header(result, 'access-control-expose-headers')!.toLowerCase().split(',');
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'location', 'retry-after', 'x-request-id', 'idempotent-replayed']));
    expect(header(result, 'vary')).toMatch(/origin/i);
  });

  it('says nothing to another origin', async () => {
    const result = await getRound({ Origin: 'https://evil.example.com' });
    expect(header(result, 'access-control-allow-origin')).toBeUndefined();
    expect(result.statusCode).toBe(200);
  });

  it('adds CORS headers to error answers too, so browsers can read them', async () => {
    const result = await writeHandler(
      restEvent({ method: 'POST', resource: '/rounds', role: 'viewer', body: validRound(), headers: { origin: ALLOWED_ORIGIN } }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(403);
    expect(header(result, 'access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });
});

describe('route table and handlers', () => {
  it('every rounds route in the table is served by its function (never a route 404)', async () => {
    const handlers = { 'rounds-read': readHandler, 'rounds-write': writeHandler };
    const roundRoutes = routes.filter((route): route is typeof route & { fn: keyof typeof handlers } => route.fn in handlers);
    expect(roundRoutes).toHaveLength(5);
    for (const route of roundRoutes) {
      const body = route.method === 'POST' ? validRound() : route.method === 'PATCH' ? { notes: 'n' } : undefined;
      const event = restEvent({ method: route.method, resource: route.path, pathParameters: route.path.includes('{id}') ? { id: ROUND_ID } : undefined, role: 'admin', body });
      const result = await handlers[route.fn](event, lambdaContext());
      expect(result.statusCode, `${route.method} ${route.path}`).toBeLessThan(300);
    }
  });

  it('a function missing an implementation for one of its routes fails at load', () => {
    const partial: Record<string, RouteHandler> = { ...roundsWrite };
    delete partial['DELETE /rounds/{id}'];
    expect(() => lambdaHandler('rounds-write', partial)).toThrow(/has no implementation for DELETE \/rounds\/\{id\}/);
    expect(() => lambdaHandler('rounds-read', roundsRead)).not.toThrow();
  });

  it('a function implementing a route that the route table gives another fails at load', () => {
    expect(() => lambdaHandler('rounds-read', { ...roundsRead, 'PATCH /rounds/{id}': roundsWrite['PATCH /rounds/{id}'] })).toThrow(
      /implements routes the route table does not give it: PATCH \/rounds\/\{id\}/,
    );
  });
});

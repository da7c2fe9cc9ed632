/** The security headers on every answer of the handlers, and no-store on every answer of a route that needs a role. */
import { beforeEach, describe, expect, it } from 'vitest';
import { ddb, resetDdb } from '../support/ddb-mock';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { handler as roundsRead } from '../../lambdas/functions/rounds-read';
import { handler as personsRead } from '../../lambdas/functions/persons-read';
import { handler as roundsWrite } from '../../lambdas/functions/rounds-write';
import { lambdaContext, restEvent, ROUND_ID, storedRoundItem } from '../support/unit-events';

beforeEach(() => resetDdb());

const expectSecurityHeaders = (result: APIGatewayProxyResult) =>
  expect(result.headers).toMatchObject({
    'strict-transport-security': expect.stringMatching(/^max-age=\d{8,}; includeSubDomains$/),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  });

describe('security headers', () => {
  it('are on a public answer, which caches may keep (no no-store)', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
    const result = await roundsRead(restEvent({ method: 'GET', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID } }), lambdaContext());
    expect(result.statusCode).toBe(200);
    expectSecurityHeaders(result);
    expect(result.headers!['cache-control']).toBeUndefined();
  });

  it('are on personal data, with Cache-Control: no-store', async () => {
    ddb.on(GetCommand).resolves({});
    const viewer = await personsRead(restEvent({ method: 'GET', resource: '/persons/{id}', pathParameters: { id: ROUND_ID }, role: 'viewer' }), lambdaContext());
    expect(viewer.statusCode).toBe(404);
    const anonymous = await personsRead(restEvent({ method: 'GET', resource: '/persons', role: 'anonymous' }), lambdaContext());
    expect(anonymous.statusCode).toBe(401);
    for (const result of [viewer, anonymous]) {
      expectSecurityHeaders(result);
      expect(result.headers!['cache-control']).toBe('no-store');
    }
  });

  it('are on a refusal before any route is known, and on a write’s validation error', async () => {
    const unknown = await roundsRead(restEvent({ method: 'GET', resource: '/nowhere' }), lambdaContext());
    expect(unknown.statusCode).toBe(404);
    expectSecurityHeaders(unknown);
    const invalid = await roundsWrite(restEvent({ method: 'POST', resource: '/rounds', role: 'editor', body: { date: 'soon' } }), lambdaContext());
    expect(invalid.statusCode).toBe(400);
    expectSecurityHeaders(invalid);
    expect(invalid.headers!['cache-control']).toBe('no-store');
  });
});

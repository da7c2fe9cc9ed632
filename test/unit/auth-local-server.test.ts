/**
 * The local server answers for tokens as API Gateway would: 401 for a token its Cognito
 * authorizer would refuse, 403 for a valid token that carries no role, and the records to a
 * token that carries one.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CompactSign } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signToken } from '../../bin/local/jwt';
import { createLocalServer } from '../../bin/local/server';
import { useFreshTable } from '../support/table';

const SECRET = 'unit-test-secret-for-the-local-server';
process.env.LOCAL_JWT_SECRET = SECRET;

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  await useFreshTable();
  server = createLocalServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
});

const now = () => Math.floor(Date.now() / 1000);

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: 'user-1', 'cognito:groups': ['admins'], token_use: 'id', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now(), exp: now() + 3600, ...overrides };
}

const signRaw = (payload: string) =>
  new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));

async function getPersons(token?: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${baseUrl}/persons`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code };
}

describe('the local server on a viewer route', () => {
  it.each([
    ['an exp of 1e400', () => signRaw(JSON.stringify(claims({ exp: 0 })).replace('"exp":0', '"exp":1e400'))],
    ['an empty sub', () => signRaw(JSON.stringify(claims({ sub: '' })))],
    ['an nbf in the future', () => signRaw(JSON.stringify(claims({ nbf: now() + 600 })))],
    ['an iat in the future', () => signRaw(JSON.stringify(claims({ iat: now() + 600, exp: now() + 4200 })))],
    ['no audience', () => signRaw(JSON.stringify(claims({ aud: undefined })))],
    ['another issuer', () => signRaw(JSON.stringify(claims({ iss: 'someone-else' })))],
  ])('answers 401 to a token with %s', async (_, token) => {
    expect(await getPersons(await token())).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('answers 401 without a token', async () => {
    expect(await getPersons()).toEqual({ status: 401, code: 'unauthorized' });
  });

  it.each([
    ['nested', [['admins']]],
    ['padded', [' admins ']],
    ['not a list of names', 7],
  ])('answers 403 to a valid token whose groups are %s: a caller without a role', async (_, groups) => {
    expect(await getPersons(await signRaw(JSON.stringify(claims({ 'cognito:groups': groups }))))).toEqual({ status: 403, code: 'forbidden' });
  });

  it('answers 403 to a valid token without groups', async () => {
    expect(await getPersons(await signRaw(JSON.stringify(claims({ 'cognito:groups': undefined }))))).toEqual({ status: 403, code: 'forbidden' });
  });

  it.each(['viewer', 'admin'] as const)('answers 200 to a %s token from signToken', async (role) => {
    expect((await getPersons(await signToken(role))).status).toBe(200);
  });
});

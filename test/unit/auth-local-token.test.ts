/**
 * The local token verifier, which stands where API Gateway's Cognito authorizer would: a token it
 * accepts must be one Cognito could have issued. Bad tokens are made with jose's CompactSign over
 * raw JSON, so that claims JSON.stringify cannot write (`1e400`) can be signed too.
 */
import { CompactSign, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  CLOCK_TOLERANCE_SECONDS,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  MAX_TOKEN_LIFETIME_SECONDS,
  authorizerClaims,
  signToken,
  verifyToken,
  type Claims,
} from '../../bin/local/jwt';
import { groupsFromClaim } from '../../lambdas/http/auth';

const SECRET = 'unit-test-secret-for-local-tokens';
const key = (secret = SECRET) => new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);

function idClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const issued = now();
  return {
    sub: 'user-1',
    'cognito:groups': ['editors'],
    token_use: 'id',
    iss: LOCAL_ISSUER,
    aud: LOCAL_AUDIENCE,
    iat: issued,
    exp: issued + 3600,
    ...overrides,
  };
}

const without = (name: string) => {
  const claims = idClaims();
  delete claims[name];
  return claims;
};

async function signRaw(payload: string, options: { alg?: string; secret?: string } = {}): Promise<string> {
  return new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .sign(key(options.secret));
}

const sign = (claims: Record<string, unknown>, options?: { alg?: string; secret?: string }) => signRaw(JSON.stringify(claims), options);

describe('signToken', () => {
  it('mints a token that jose itself verifies, with issuer and audience', async () => {
    const { payload, protectedHeader } = await jwtVerify(await signToken('admin', { secret: SECRET }), key(), {
      algorithms: ['HS256'],
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'local-admin', 'cognito:groups': ['admins'], token_use: 'id' });
    expect(payload.exp! - payload.iat!).toBe(12 * 60 * 60);
  });

  it('mints what verifyToken accepts', async () => {
    const claims = await verifyToken(await signToken('viewer', { secret: SECRET, subject: 'alice' }), SECRET);
    expect(claims).toMatchObject({ sub: 'alice', 'cognito:groups': ['viewers'] });
  });

  it('refuses a lifetime the verifier would refuse', async () => {
    await expect(signToken('editor', { secret: SECRET, ttlSeconds: MAX_TOKEN_LIFETIME_SECONDS + 1 })).rejects.toThrow(RangeError);
    await expect(signToken('editor', { secret: SECRET, ttlSeconds: 0 })).rejects.toThrow(RangeError);
  });
});

describe('verifyToken accepts', () => {
  it('a valid ID token', async () => {
    expect(await verifyToken(await sign(idClaims()), SECRET)).toMatchObject({ sub: 'user-1' });
  });

  it('an nbf in the past', async () => {
    expect(await verifyToken(await sign(idClaims({ nbf: now() - 60 })), SECRET)).toBeDefined();
  });

  it('an iat a little ahead, within the clock tolerance', async () => {
    const iat = now() + CLOCK_TOLERANCE_SECONDS - 5;
    expect(await verifyToken(await sign(idClaims({ iat, exp: iat + 3600 })), SECRET)).toBeDefined();
  });
});

describe('verifyToken refuses', () => {
  it('an exp of 1e400, which JSON reads as Infinity', async () => {
    const payload = JSON.stringify(idClaims({ exp: 0 })).replace('"exp":0', '"exp":1e400');
    expect(payload).toContain('1e400');
    expect(await verifyToken(await signRaw(payload), SECRET)).toBeUndefined();
  });

  it.each([
    ['no exp', () => without('exp')],
    ['an expired token', () => idClaims({ iat: now() - 7200, exp: now() - 3600 })],
    ['an exp that is a string', () => idClaims({ exp: String(now() + 3600) })],
    ['an exp further from iat than a token may live', () => idClaims({ exp: now() + MAX_TOKEN_LIFETIME_SECONDS + 3600 })],
    ['no iat', () => without('iat')],
    ['an iat in the future', () => idClaims({ iat: now() + 600, exp: now() + 4200 })],
    ['an iat older than a token may live', () => idClaims({ iat: now() - MAX_TOKEN_LIFETIME_SECONDS - 600 })],
    ['an nbf in the future', () => idClaims({ nbf: now() + 600 })],
    ['an nbf that is a string', () => idClaims({ nbf: 'now' })],
    ['an empty sub', () => idClaims({ sub: '' })],
    ['no sub', () => without('sub')],
    ['a sub that is not a string', () => idClaims({ sub: 42 })],
    ['another issuer', () => idClaims({ iss: 'https://cognito-idp.eu-central-1.amazonaws.com/elsewhere' })],
    ['no issuer', () => without('iss')],
    ['another audience', () => idClaims({ aud: 'some-other-client' })],
    ['no audience', () => without('aud')],
    ['an access token', () => idClaims({ token_use: 'access' })],
  ])('%s', async (_, claims) => {
    expect(await verifyToken(await sign(claims()), SECRET)).toBeUndefined();
  });

  it('a token signed with another secret', async () => {
    expect(await verifyToken(await sign(idClaims(), { secret: 'another-secret' }), SECRET)).toBeUndefined();
  });

  it('another algorithm, even with the right secret', async () => {
    expect(await verifyToken(await sign(idClaims(), { alg: 'HS512' }), SECRET)).toBeUndefined();
  });

  it('an unsigned token (alg none)', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(await verifyToken(`${part({ alg: 'none', typ: 'JWT' })}.${part(idClaims())}.`, SECRET)).toBeUndefined();
  });

  it.each(['', 'not.a.token', 'a.b', 'x'.repeat(40)])('junk: %j', async (token) => {
    expect(await verifyToken(token, SECRET)).toBeUndefined();
  });
});

describe('authorizerClaims writes what a REST API Cognito authorizer passes', () => {
  const claims = (overrides: Record<string, unknown>) => idClaims(overrides) as Claims;

  it('one group as the plain name, several joined with commas', () => {
    expect(authorizerClaims(claims({ 'cognito:groups': ['viewers'] }))['cognito:groups']).toBe('viewers');
    expect(authorizerClaims(claims({ 'cognito:groups': ['viewers', 'admins'] }))['cognito:groups']).toBe('viewers,admins');
  });

  it('every value a string, exp and iat as the authorizer writes dates', () => {
    const written = authorizerClaims(claims({ iat: 1544112503, exp: 1544116103, email_verified: true }));
    for (const value of Object.values(written)) expect(typeof value).toBe('string');
    expect(written.iat).toBe('Thu Dec 06 16:08:23 UTC 2018');
    expect(written.exp).toBe('Thu Dec 06 17:08:23 UTC 2018');
    expect(written.email_verified).toBe('true');
  });

  it('in the form the handlers read back', () => {
    const written = authorizerClaims(claims({ 'cognito:groups': ['editors', 'viewers'] }));
    expect(groupsFromClaim(written['cognito:groups'])).toEqual(['editors', 'viewers']);
  });

  it('a nested list kept whole, so that it grants no group', () => {
    const written = authorizerClaims(claims({ 'cognito:groups': [['admins']] }));
    expect(written['cognito:groups']).toBe('[["admins"]]');
    expect(groupsFromClaim(written['cognito:groups'])).not.toContain('admins');
  });
});

/**
 * Bearer tokens a caller could present: the three roles, and the ones the local server (in
 * Cognito's place) must refuse with 401 or that a handler must read without tripping: expired,
 * foreign-signed, unsigned, the wrong token type, odd subjects and group claims.
 */
import { SignJWT } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localSecret, signToken } from '../../bin/local/jwt';

export type RoleName = 'viewer' | 'editor' | 'admin';

const sign = (claims: Record<string, unknown>, { iat, exp, secret = localSecret() }: { iat: number; exp: number; secret?: string }) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function makeTokens(): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const id = (groups: unknown, sub = 'fuzz-user') => ({ sub, 'cognito:groups': groups, token_use: 'id' });
  const admin = await signToken('admin');
  return {
    viewer: await signToken('viewer'),
    editor: await signToken('editor'),
    admin,
    expired: await sign(id(['admins']), { iat: now - 7200, exp: now - 3600 }),
    notYet: await sign({ ...id(['admins']), nbf: now + 3600 }, { iat: now, exp: now + 7200 }),
    tooLong: await sign(id(['admins']), { iat: now, exp: now + 90_000 }),
    foreign: await signToken('admin', { secret: 'not-the-local-secret' }),
    unsigned: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...id(['admins']), iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now, exp: now + 3600 })}.`,
    access: await sign({ ...id(['admins']), token_use: 'access' }, { iat: now, exp: now + 3600 }),
    // Signed, so trusted: what the handler then makes of odd claims must still be a 2xx, 401 or 403.
    protoSubject: await signToken('editor', { subject: '__proto__' }),
    keySubject: await signToken('admin', { subject: 'AUDIT#x#\u202E\u0000' }),
    // Once a 500 on any POST with an Idempotency-Key (the subject is URI-encoded into its key).
    surrogateSubject: await signToken('editor', { subject: 'a\ud800' }),
    groupsString: await sign(id('admins'), { iat: now, exp: now + 3600 }),
    groupsObject: await sign(id([{ admins: true }]), { iat: now, exp: now + 3600 }),
    groupsProto: await sign(id(['__proto__', 'constructor']), { iat: now, exp: now + 3600 }),
    groupsComma: await sign(id(['viewers,admins']), { iat: now, exp: now + 3600 }),
    tampered: `${admin.split('.')[0]}.${b64({ ...id(['admins']), iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now, exp: now + 3600 })}.${admin.split('.')[2]}`,
  };
}

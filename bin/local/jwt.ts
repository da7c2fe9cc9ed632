/**
 * Local stand-in for Cognito's tokens: HS256 JWTs with the claims an ID token carries
 * (`sub`, `cognito:groups`, `token_use`), signed with a secret kept in the gitignored `.local/` (or LOCAL_DATA_DIR).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { roleGroups, type Role } from '../../lambdas/routes';

export const LOCAL_ISSUER = 'exchange-registry-local';
const SECRET_FILE = resolve(process.env.LOCAL_DATA_DIR ?? '.local', 'jwt-secret');

export type Claims = Record<string, unknown> & { sub: string; exp: number };

/** LOCAL_JWT_SECRET if set; otherwise a random secret made once and kept in `.local/jwt-secret`. */
export function localSecret(): string {
  if (process.env.LOCAL_JWT_SECRET) return process.env.LOCAL_JWT_SECRET;
  try {
    return readFileSync(SECRET_FILE, 'utf8').trim();
  } catch {
    mkdirSync(dirname(SECRET_FILE), { recursive: true });
    try {
      writeFileSync(SECRET_FILE, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readFileSync(SECRET_FILE, 'utf8').trim();
  }
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (input: string, secret: string) => createHmac('sha256', secret).update(input).digest('base64url');

export function groupsFor(role: Exclude<Role, 'public'>): string[] {
  return [roleGroups[role]];
}

export function signToken(role: Exclude<Role, 'public'>, options: { secret?: string; ttlSeconds?: number; subject?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const claims: Claims = {
    sub: options.subject ?? `local-${role}`,
    'cognito:groups': groupsFor(role),
    'cognito:username': `local-${role}`,
    token_use: 'id',
    iss: LOCAL_ISSUER,
    iat: now,
    exp: now + (options.ttlSeconds ?? 12 * 60 * 60),
  };
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${sign(unsigned, options.secret ?? localSecret())}`;
}

/** The claims of a valid, unexpired token from this issuer; undefined for anything else. */
export function verifyToken(token: string, secret = localSecret()): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    if (alg !== 'HS256' || claims.iss !== LOCAL_ISSUER || typeof claims.sub !== 'string') return undefined;
    if (typeof claims.exp !== 'number' || claims.exp <= Date.now() / 1000) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

/** Claims as API Gateway's Cognito authorizer hands them to Lambda: strings, groups comma-joined. */
export function authorizerClaims(claims: Claims): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)]),
  );
}

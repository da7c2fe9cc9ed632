/**
 * Local stand-in for Cognito's ID tokens: HS256 JWTs with the claims an ID token carries
 * (`sub`, `cognito:groups`, `token_use`), signed and verified with jose, with a secret kept in the
 * gitignored `.local/` (or LOCAL_DATA_DIR). The local server verifies them where API Gateway's
 * Cognito authorizer would verify Cognito's.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { roleGroups, type Role } from '../../lambdas/routes';

export const LOCAL_ISSUER = 'exchange-registry-local';
/** Stands where a Cognito ID token has the app client id. */
export const LOCAL_AUDIENCE = 'exchange-registry-local-client';
/** Cognito lets an ID token live one day at most; a local token no longer. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** Room for clocks that disagree a little, here between the minting and the verifying process. */
export const CLOCK_TOLERANCE_SECONDS = 30;
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

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export function groupsFor(role: Exclude<Role, 'public'>): string[] {
  return [roleGroups[role]];
}

/** A local ID token for `role`, signed with jose (HS256), valid for `ttlSeconds` (12 h unless given, 24 h at most). */
export async function signToken(
  role: Exclude<Role, 'public'>,
  options: { secret?: string; ttlSeconds?: number; subject?: string } = {},
): Promise<string> {
  const ttl = options.ttlSeconds ?? 12 * 60 * 60;
  if (!(ttl > 0 && ttl <= MAX_TOKEN_LIFETIME_SECONDS)) {
    throw new RangeError(`ttlSeconds must be above 0 and at most ${MAX_TOKEN_LIFETIME_SECONDS}: the server refuses longer-lived tokens`);
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ 'cognito:groups': groupsFor(role), 'cognito:username': `local-${role}`, token_use: 'id' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? `local-${role}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(keyOf(options.secret ?? localSecret()));
}

/**
 * jose checks the signature, the algorithm, `iss`, `aud`, that `exp` and `iat` are present, `exp`
 * and `nbf` against the clock, and `iat` neither in the future nor older than a token may live.
 * It lets through what it has no rule for: an `exp` of `1e400` (Infinity), an empty or absent
 * `sub`, an access token. Those are refused here.
 */
function isLocalIdToken(payload: JWTPayload): payload is Claims {
  const { sub, exp, iat, nbf } = payload;
  return (
    typeof sub === 'string' &&
    sub !== '' &&
    payload.token_use === 'id' &&
    typeof exp === 'number' &&
    typeof iat === 'number' &&
    Number.isFinite(exp) &&
    exp - iat <= MAX_TOKEN_LIFETIME_SECONDS &&
    (nbf === undefined || Number.isFinite(nbf))
  );
}

/** The claims of a valid local ID token; undefined for anything else, which the server answers with 401. */
export async function verifyToken(token: string, secret = localSecret()): Promise<Claims | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    return isLocalIdToken(payload) ? payload : undefined;
  } catch (error) {
    // Only the token's faults mean "unauthenticated"; a fault of ours must not pass for one.
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Thu Dec 06 17:08:23 UTC 2018`: how the REST authorizer writes `exp` and `iat`. */
function authorizerDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/** One claim as the REST authorizer writes it. */
function authorizerValue(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  if ((name === 'exp' || name === 'iat') && typeof value === 'number') return authorizerDate(value);
  // Cognito never puts a nested value in an ID token; kept whole, it cannot pass for a list of names.
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * Claims as a REST API's Cognito authorizer hands them to Lambda: every value a string, a list of
 * names joined with commas (`cognito:groups` "viewers,admins"), `exp` and `iat` as dates. The
 * evidence for that form is with groupsFromClaim in lambdas/http/auth.ts.
 */
export function authorizerClaims(claims: Claims): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, authorizerValue(name, value)]));
}

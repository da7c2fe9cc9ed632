/**
 * A whole request for one route of the table, as a plan (pure data, so fast-check can shrink and
 * print it) that `resolve` turns into what is sent, with the table's live ids, ETags and cursors.
 * Each part (parts.ts) is mostly well-formed, so that most requests get past the first checks and
 * the odd part is the one being tested.
 */
import fc from 'fast-check';
import type { Route } from '../../lambdas/routes';
import { bodyLimitOf } from '../../lambdas/routes';
import { bodyPlan, bodyText, edgeBodies, type BodyPlan } from './bodies';
import { authPlan, contentTypes, extraHeader, headerValue, idempotencyKey, ifMatch, percentEncode, query, requiredQuery, segment, type Auth, type Cursor, type IfMatch, type Segment, type Value } from './parts';
import { collectionOf, type World } from './world';
import type { Sent } from './in-process';
import { forgedCursor } from './forgery';

type Json = Record<string, any>;

export interface RequestPlan {
  readonly method: string;
  readonly pathStyle: 'plain' | 'slash' | 'upper' | 'double';
  readonly params: Segment[];
  readonly query: [string, Value][];
  readonly rawQuery: string | null;
  readonly auth: Auth;
  readonly contentType: string | null;
  readonly ifMatch: IfMatch | null;
  readonly idempotencyKey: string | null;
  readonly extraHeaders: [string, string][];
  readonly body: BodyPlan;
}

/** Mostly chaos in every part; sometimes a clean request whose body alone varies, to reach the writes' deeper rules. */
export function requestPlan(route: Route, operation: Json, tokenNames: string[], resolveRef: (node: Json) => Json): fc.Arbitrary<RequestPlan> {
  const params = (route.path.match(/\{\w+\}/g) ?? []).map(() => segment());
  const liveParams = (route.path.match(/\{\w+\}/g) ?? []).map(() => fc.record({ kind: fc.constant('live' as const), pick: fc.nat(), twist: fc.constant('none' as const) }));
  const writes = route.method !== 'GET';
  const enough = enoughFor(route);
  const chaos = fc.record({
    method: fc.oneof({ weight: 19, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT') }),
    pathStyle: fc.oneof({ weight: 17, arbitrary: fc.constant('plain' as const) }, { weight: 1, arbitrary: fc.constantFrom('slash' as const, 'upper' as const, 'double' as const) }),
    params: fc.tuple(...params),
    query: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: query(operation, resolveRef) }),
    rawQuery: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('&&', '=', 'a=1=2', '%zz=1', '__proto__[x]=1', 'limit', 'limit=1&limit=2', '%00=%00', '+=+') }),
    auth: authPlan(enough, tokenNames),
    contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom(...contentTypes) }),
    ifMatch: writes ? fc.option(ifMatch(), { freq: 2 }) : fc.constant(null),
    idempotencyKey: route.method === 'POST' ? fc.option(idempotencyKey(), { freq: 2 }) : fc.constant(null),
    extraHeaders: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(extraHeader(), { minLength: 1, maxLength: 3 }) }),
    body: bodyPlan(operation, bodyLimitOf(route)),
  });
  const clean = fc.record({
    method: fc.constant(route.method),
    pathStyle: fc.constant('plain' as const),
    params: fc.tuple(...liveParams),
    query: requiredQuery(operation, resolveRef),
    rawQuery: fc.constant(null),
    auth: fc.record({ kind: fc.constant('token' as const), name: fc.constantFrom(...enough), style: fc.constant('bearer' as const) }),
    contentType: fc.constant('application/json'),
    ifMatch: writes && route.method !== 'POST' ? fc.option(fc.constant({ kind: 'current' as const })) : fc.constant(null),
    idempotencyKey: route.method === 'POST' ? fc.option(fc.constantFrom('k1', 'k2')) : fc.constant(null),
    extraHeaders: fc.constant([]),
    body: bodyPlan(operation, bodyLimitOf(route), true),
  });
  return fc.oneof({ weight: 7, arbitrary: chaos }, { weight: 3, arbitrary: clean }) as fc.Arbitrary<RequestPlan>;
}

const enoughFor = (route: Route) => ({ public: ['admin', 'editor', 'viewer'], viewer: ['viewer', 'editor', 'admin'], editor: ['editor', 'admin'], admin: ['admin'] })[route.role];

/** Clean requests sent first on every run (fast-check's `examples`), so a seed's luck never skips them. */
export function edgePlans(route: Route, operation: Json): RequestPlan[] {
  const printable = (body: BodyPlan): BodyPlan =>
    body.kind === 'raw' ? Object.assign(body, { [fc.toStringMethod]: () => `{ kind: 'raw', text: <${body.text.length} chars> }` }) : body;
  return edgeBodies(operation, bodyLimitOf(route)).map((body) => ({
    method: route.method,
    pathStyle: 'plain',
    params: (route.path.match(/\{\w+\}/g) ?? []).map(() => ({ kind: 'live', pick: 0, twist: 'none' })),
    query: [],
    rawQuery: null,
    auth: { kind: 'token', name: enoughFor(route)[0]!, style: 'bearer' },
    contentType: 'application/json',
    ifMatch: null,
    idempotencyKey: null,
    extraHeaders: [],
    body: printable(body),
  }));
}

const at = <T>(list: readonly T[] | undefined, n: number): T | undefined => (list?.length ? list[n % list.length] : undefined);

function liveSegment(id: string | undefined, twist: Segment & { kind: 'live' }): string {
  if (!id) return '01ARZ3NDEKTSV4RRFFQ69G5FAV';
  switch (twist.twist) {
    case 'lower': return id.toLowerCase();
    case 'append': return `${id}A`;
    case 'truncate': return id.slice(0, 25);
    case 'encodeAll': return [...id].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    default: return id;
  }
}

function tamper(cursor: string, how: number): string {
  const [payload = '', sum = ''] = cursor.split('.');
  switch (how) {
    case 0: return `${payload}.${sum.slice(1)}`;
    case 1: return `${payload.slice(0, -1)}A.${sum}`;
    case 2: return `${cursor}.x`;
    case 3: return payload;
    case 4: return `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString() || '{}'), PK: 'x' })).toString('base64url')}.${sum}`;
    case 5: return cursor.slice(0, Math.floor(cursor.length / 2));
    case 6: return ` ${cursor}`;
    default: return cursor;
  }
}

/** Turns a plan into a request against the table as it is now. */
export async function resolve(world: World, route: Route, plan: RequestPlan): Promise<Sent> {
  const collection = collectionOf(route.path);
  if (plan.params.some((p) => p.kind === 'live') && !world.pools.get(collection)?.length) await world.replenish(collection);
  const pool = world.pools.get(collection);
  const params: Record<string, string> = {};
  let i = 0;
  let path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const s = plan.params[i++]!;
    const text = s.kind === 'live' ? liveSegment(at(pool, s.pick), s) : s.text;
    params[name] = decodeSafe(text);
    return text;
  });
  if (plan.pathStyle === 'slash') path += '/';
  if (plan.pathStyle === 'upper') path = path.toUpperCase();
  if (plan.pathStyle === 'double') path = path.replace('/', '//');

  // Values first, cursors second: a cursor is issued for (and forged against) the list its filters name.
  const values: Record<string, string> = {};
  const pairs: (string | Cursor)[] = plan.query.map(([name, value]) => {
    if (value.kind === 'cursor') return value.cursor;
    const text = value.kind === 'live' ? (at(value.collection ? world.pools.get(value.collection) : [...world.pools.values()].flat(), value.pick) ?? 'x') : value.text;
    values[name] = value.kind === 'raw' ? decodeSafe(text) : text;
    return `${percentEncode(name)}=${value.kind === 'raw' ? text : percentEncode(text)}`;
  });
  const filters = pairs.filter((p): p is string => typeof p === 'string' && !p.startsWith('limit='));
  const ownCursor = async (): Promise<string | undefined> => {
    const answer = await world.send({ method: 'GET', target: `${path}?${[...filters, 'limit=1'].join('&')}`, headers: [['Authorization', `Bearer ${world.tokens.admin}`]] });
    return answer.status === 200 && answer.headers['content-type']?.startsWith('application/json') ? (JSON.parse(answer.text).nextCursor ?? undefined) : undefined;
  };
  for (const [n, pair] of pairs.entries()) {
    if (typeof pair === 'string') continue;
    const text =
      pair.kind === 'text' ? pair.text
      : pair.kind === 'foreign' ? (at(world.cursors, pair.pick) ?? 'x')
      : pair.kind === 'own' ? tamper((await ownCursor()) ?? 'x.y', pair.tamper)
      : pair.kind === 'shaped' ? (forgedCursor(route, params, values, undefined, [], null, pair.seed) ?? 'x')
      : (forgedCursor(route, params, values, await ownCursor(), pair.values, pair.extra) ?? 'x');
    pairs[n] = `cursor=${percentEncode(text)}`;
  }
  if (plan.rawQuery) pairs.push(plan.rawQuery);
  const target = pairs.length ? `${path}?${pairs.join('&')}` : path;

  const headers: [string, string][] = [];
  const auth = plan.auth;
  if (auth.kind === 'text') headers.push(['Authorization', headerValue(auth.text)]);
  if (auth.kind === 'token') {
    const token = world.tokens[auth.name]!;
    const value = { bearer: `Bearer ${token}`, lower: `bearer ${token}`, bare: token, spaces: `Bearer   ${token}`, twice: `Bearer ${token}` }[auth.style];
    headers.push(['Authorization', value]);
    if (auth.style === 'twice') headers.push(['Authorization', `Bearer ${world.tokens.viewer}`]);
  }
  if (plan.contentType !== null) headers.push(['Content-Type', plan.contentType.trim()]);
  if (plan.ifMatch) headers.push(['If-Match', await ifMatchValue(world, path, plan.ifMatch)]);
  if (plan.idempotencyKey !== null) headers.push(['Idempotency-Key', headerValue(plan.idempotencyKey)]);
  for (const [name, value] of plan.extraHeaders) headers.push([name, headerValue(value)]);

  const body = bodyText(plan.body, (c) => world.pools.get(c)?.[0]);
  return { method: plan.method, target, headers, body };
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function ifMatchValue(world: World, path: string, plan: IfMatch): Promise<string> {
  if (plan.kind === 'text') return headerValue(plan.text);
  const read = await world.send({ method: 'GET', target: path, headers: [['Authorization', `Bearer ${world.tokens.admin}`]] });
  const etag = read.headers.etag ?? '"1"';
  return plan.kind === 'current' ? etag : plan.kind === 'weak' ? `W/${etag}` : `"999", ${etag}`;
}

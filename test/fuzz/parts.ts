/**
 * The parts of a request, each a small generator: mostly well-formed values, and the ones each
 * parser, decoder or key builder on the way may get wrong. Pure data, resolved in requests.ts.
 */
import fc from 'fast-check';
import { dates, nastyString, prototypeNames } from './values';

type Json = Record<string, any>;

export type Auth = { kind: 'token'; name: string; style: 'bearer' | 'lower' | 'bare' | 'spaces' | 'twice' } | { kind: 'text'; text: string } | { kind: 'none' };

/** Percent-encodes as a client would, lone surrogates included (as WTF-8 bytes, which no decoder accepts as UTF-8). */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (/^[A-Za-z0-9\-._~]$/.test(char)) out += char;
    else if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(char);
  }
  return out;
}

/**
 * A header value as Node's parser hands it over: the bytes a client sent (UTF-8 here), read as
 * Latin-1, without the control characters the parser refuses and the outer whitespace it strips.
 */
export const headerValue = (text: string): string =>
  Buffer.from(text, 'utf8').toString('latin1').replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '').trim().slice(0, 8000);

/** Code points of a path segment or query value: percent-encoded, at most 12 bytes each, the request line stays under Node's 16 KiB header limit. */
const MAX_CHARS = 250;

export type Segment = { kind: 'live'; pick: number; twist: 'none' | 'lower' | 'append' | 'truncate' | 'encodeAll' } | { kind: 'raw'; text: string };
export type Cursor = { kind: 'own'; tamper: number } | { kind: 'foreign'; pick: number } | { kind: 'forged'; values: (string | null)[]; extra: string | null } | { kind: 'shaped'; seed: number } | { kind: 'text'; text: string };
export type Value = { kind: 'text'; text: string } | { kind: 'raw'; text: string } | { kind: 'live'; collection: string | null; pick: number } | { kind: 'cursor'; cursor: Cursor };
export type IfMatch = { kind: 'current' | 'weak' | 'list' } | { kind: 'text'; text: string };


export const segment = (): fc.Arbitrary<Segment> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('live' as const), pick: fc.nat(), twist: fc.constant('none' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('live' as const), pick: fc.nat(), twist: fc.constantFrom('lower' as const, 'append' as const, 'truncate' as const, 'encodeAll' as const) }) },
    { weight: 1, arbitrary: fc.ulid().map((text) => ({ kind: 'raw' as const, text })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('..', '.', '%2E%2E', '%2e', '%', '%zz', '%C0%AE', '%00', '%2F', 'a%2Fb', '%5C', ';', '*', '~', '-0', '0', '1e308', 'NaN', '9007199254740993', ...prototypeNames)
        .map((text) => ({ kind: 'raw' as const, text })),
    },
    { weight: 2, arbitrary: nastyString().map((s) => ({ kind: 'raw' as const, text: percentEncode(s.slice(0, MAX_CHARS)) || 'x' })) },
  );

const cursor = (): fc.Arbitrary<Cursor> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('own' as const), tamper: fc.integer({ min: -1, max: 6 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('foreign' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('forged' as const), values: fc.array(fc.option(nastyString().map((s) => s.slice(0, 300))), { maxLength: 4 }), extra: fc.option(fc.constantFrom('PK', 'GSI9PK', '__proto__', 'x')) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('shaped' as const), seed: fc.integer() }) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('.', 'a.b', 'a.b.c', '..', 'e30.x', 'x'.repeat(2049)), fc.base64String({ maxLength: 80 }), nastyString()).map((text) => ({ kind: 'text' as const, text })) },
  );

const integerish = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min, max }).map(String),
    fc.constantFrom(String(min - 1), String(max + 1), '0', '-0', '-1', '1.5', '1e2', ' 1', '1 ', '0x10', '+1', '１', '9999999999', 'NaN', '', '007'),
  );

/** A value for a documented query parameter, from its schema; mostly valid, often not. */
function paramValue(name: string, schema: Json): fc.Arbitrary<Value> {
  const text = (a: fc.Arbitrary<string>) => a.map((t) => ({ kind: 'text' as const, text: t }));
  const nasty = text(nastyString().map((s) => s.slice(0, MAX_CHARS)));
  if (name === 'cursor') return fc.oneof({ weight: 4, arbitrary: cursor().map((c) => ({ kind: 'cursor' as const, cursor: c })) }, { weight: 1, arbitrary: nasty });
  const collection = /^(\w+)Id$/.exec(name)?.[1];
  if (collection || name === 'id') {
    return fc.oneof({ weight: 3, arbitrary: fc.record({ kind: fc.constant('live' as const), collection: fc.constant(collection ? `/${collection}s` : null), pick: fc.nat() }) }, { weight: 1, arbitrary: text(fc.ulid()) }, { weight: 1, arbitrary: nasty });
  }
  if (schema.enum) return fc.oneof({ weight: 3, arbitrary: text(fc.constantFrom(...(schema.enum as string[]))) }, { weight: 1, arbitrary: text(fc.constantFrom(...(schema.enum as string[])).map((v) => v.toUpperCase())) }, { weight: 1, arbitrary: nasty });
  if (schema.type === 'integer') return fc.oneof({ weight: 3, arbitrary: text(integerish(schema.minimum ?? 0, schema.maximum ?? 1000)) }, { weight: 1, arbitrary: nasty });
  if (schema.format === 'date') return fc.oneof({ weight: 3, arbitrary: text(fc.constantFrom(...dates)) }, { weight: 1, arbitrary: nasty });
  return nasty;
}

/** The operation's required query parameters, each with a valid value: what a clean request must carry (`GET /audit`'s entity and id). */
export function requiredQuery(operation: Json, resolveRef: (node: Json) => Json): fc.Arbitrary<[string, Value][]> {
  const text = (a: fc.Arbitrary<string>) => a.map((t): Value => ({ kind: 'text', text: t }));
  const valid = (name: string, schema: Json): fc.Arbitrary<Value> => {
    const collection = /^(\w+)Id$/.exec(name)?.[1];
    if (collection || name === 'id') return fc.nat().map((pick): Value => ({ kind: 'live', collection: collection ? `/${collection}s` : null, pick }));
    if (schema.enum) return text(fc.constantFrom(...(schema.enum as string[])));
    if (schema.type === 'integer') return text(fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000 }).map(String));
    return text(fc.constant(schema.format === 'date' ? '2025-05-23' : 'x'));
  };
  const required = ((operation.parameters ?? []) as Json[]).map(resolveRef).filter((p) => p.in === 'query' && p.required);
  return fc.tuple(...required.map((p) => valid(p.name, p.schema).map((v): [string, Value] => [p.name, v])));
}

const documentedQuery = (operation: Json, resolveRef: (node: Json) => Json): [string, Json][] =>
  ((operation.parameters ?? []) as Json[]).map(resolveRef).filter((p) => p.in === 'query').map((p) => [p.name, p.schema]);

export function query(operation: Json, resolveRef: (node: Json) => Json): fc.Arbitrary<[string, Value][]> {
  const known = documentedQuery(operation, resolveRef);
  const pair = fc.oneof(
    ...known.map(([name, schema]) => ({ weight: 4, arbitrary: fc.tuple(fc.constant(name), paramValue(name, schema)) })),
    { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...prototypeNames, 'format', 'limit[]', 'LIMIT', 'access_token', ''), nastyString().map((s) => s.slice(0, 200))), paramValue('x', {})) },
  );
  return fc.array(pair, { maxLength: 4 });
}

export const authPlan = (enough: string[], tokenNames: string[]): fc.Arbitrary<Auth> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('token' as const), name: fc.constantFrom(...enough), style: fc.constant('bearer' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('token' as const), name: fc.constantFrom(...tokenNames), style: fc.constantFrom('bearer' as const, 'lower' as const, 'bare' as const, 'spaces' as const, 'twice' as const) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', 'Bearer ...', `Bearer ${'a'.repeat(7000)}`), nastyString()).map((text) => ({ kind: 'text' as const, text })) },
  );

export const contentTypes = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=latin1', 'text/plain', 'application/x-www-form-urlencoded',
  'application/jsonx', 'application/json, text/plain', 'application/merge-patch+json', 'multipart/form-data; boundary=x', '', ' application/json '];

export const ifMatch = (): fc.Arbitrary<IfMatch> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom({ kind: 'current' as const }, { kind: 'weak' as const }, { kind: 'list' as const }) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('*', '"1"', 'W/"1"', '"0"', '"-0"', '"01"', '"1.0"', '"999999999999999999999"', '"9007199254740993"', 'garbage', '', ',', '"', 'W/', '"NaN"', '"__proto__"', '*, "1"', 'x'.repeat(7000)),
        nastyString(),
      ).map((text) => ({ kind: 'text' as const, text })),
    },
  );

export const idempotencyKey = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('k1', 'k2') },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('', ' ', 'x'.repeat(128), 'x'.repeat(129), '__proto__', 'constructor', '#', 'a#b', 'IDEMPOTENCY#x'), nastyString()) },
  );

export const extraHeader = () =>
  fc.tuple(
    fc.constantFrom('Origin', 'X-Request-Id', 'X-Forwarded-For', '__proto__', 'constructor', 'Content-Type', 'If-Match', 'Idempotency-Key', 'Authorization', 'Accept', 'X-HTTP-Method-Override', 'Content-Encoding'),
    nastyString(),
  ).map(([name, value]) => [name, value] as [string, string]);

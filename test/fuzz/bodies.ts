/**
 * Request bodies for a route, from its OpenAPI request schema (which bin/openapi generates from the
 * route's zod schema): valid-looking values, the document's own examples, and both with a few
 * fields mutated — the bodies that get past the first checks and reach the deeper ones.
 */
import fc from 'fast-check';
import { openApiDocument } from '../support/contract';
import { dates, nastyStructure, nastyString, nastyValue, prototypeNames, toJsonText, withKey } from './values';

type Json = Record<string, any>;

const deref = (schema: Json): Json => {
  let current = schema;
  while (typeof current?.$ref === 'string') current = openApiDocument.components.schemas[current.$ref.replace('#/components/schemas/', '')];
  return current;
};

const validUrls = ['https://babel.ua/en/news/1', 'http://example.com', 'https://мвд.рф/news/1', 'HTTPS://EXAMPLE.ORG/a?b=c#d', 'https://xn--b1aew.xn--p1ai/'];

function stringOf(schema: Json): fc.Arbitrary<string> {
  if (schema.format === 'date') return fc.constantFrom(...dates.slice(0, 3), '2022-05-20', '1994-03-17');
  if (schema.format === 'iri' || schema.format === 'uri') return fc.constantFrom(...validUrls);
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, 40);
  const short = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'Я', ' ', "'", '-'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: Math.max(min, 1), maxLength: Math.max(max, 1) });
  // At the limit in 3-byte characters: the fattest valid record, and its audit entry twice as fat.
  const full = schema.maxLength ? fc.constantFrom('中', 'Я', 'a').map((c) => c.repeat(schema.maxLength)) : short;
  return fc.oneof({ weight: 7, arbitrary: short }, { weight: 1, arbitrary: full });
}

/** A value the schema accepts as far as JSON Schema can say (zod's cross-field rules may still refuse it). */
export function fromSchema(node: Json, depth = 0): fc.Arbitrary<unknown> {
  const schema = deref(node);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s: Json) => fromSchema(s, depth)));
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 5000, 5000) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = fromSchema(schema.items ?? {}, depth + 1);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, depth > 1 ? 1 : 3) };
      return schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const shape = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      return nastyValue();
  }
}

/** Where a mutation lands: a container and one of its keys (an existing one, or a new one). */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value)) value.forEach((item, i) => (out.push([value, i]), slots(item, out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([value as Record<string, unknown>, k]), slots(v, out);
  return out;
}

const containers = (value: unknown) => [value, ...slots(value).map(([c, k]) => (c as any)[k])].filter((v) => v && typeof v === 'object' && !Array.isArray(v)) as Record<string, unknown>[];

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown };

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: nastyValue() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        at: fc.nat(),
        key: fc.oneof(fc.constantFrom(...prototypeNames, 'id', 'version', 'createdAt', 'disputed', 'progress', 'PK', 'SK', '_references'), nastyString()),
        value: nastyValue(),
      }),
    },
  );

function applyMutation(body: unknown, m: Mutation): unknown {
  if (!body || typeof body !== 'object') return body;
  if (m.kind === 'extra') {
    const targets = containers(body);
    const target = targets[m.at % targets.length]!;
    withKey(target, m.key, structuredClone(m.value));
    return body;
  }
  const found = slots(body);
  if (found.length === 0) return body;
  const [container, key] = found[m.at % found.length]!;
  if (m.kind === 'delete') {
    if (Array.isArray(container)) container.splice(key as number, 1);
    else delete container[key as string];
  } else (container as any)[key] = structuredClone(m.value);
  return body;
}

/** Ids in the document's examples name records of its own; `<x>Id` fields get an id of this table's `/<x>s`. */
export type IdPicker = (collection: string) => string | undefined;

export function withLiveIds(value: unknown, pick: IdPicker): unknown {
  if (Array.isArray(value)) return value.map((item) => withLiveIds(item, pick));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const collection = /^(\w+)Id$/.exec(k)?.[1];
      return [k, collection && typeof v === 'string' ? (pick(`/${collection}s`) ?? v) : withLiveIds(v, pick)];
    }),
  );
}

export const examplesOf = (operation: Json): unknown[] =>
  Object.values((operation.requestBody?.content?.['application/json']?.examples ?? {}) as Record<string, { value: unknown }>).map((e) => e.value);

/** What the generator produced: a JSON value (serialised at send time, with live ids) or raw text. */
export type BodyPlan = { kind: 'json'; value: unknown; mutations: Mutation[] } | { kind: 'raw'; text: string } | { kind: 'none' };

/** Text that is not the JSON the route wants: broken, odd encodings, other top-level types, over the size limits. */
const rawBodies = (limit: number) =>
  fc.constantFrom(
    '', ' ', 'null', 'true', '0', '-0', '"text"', '[]', '{}', '{', '{"a":', '{"a":1,}', "{'a':1}", 'NaN', '\uFEFF{}', '{"a":1}{"a":2}',
    '{"__proto__":{"status":"completed"}}', '{"constructor":{"prototype":{"x":1}}}', '{"date":"2025-05-23","date":"2025-05-24"}',
    `[${'['.repeat(30_000)}${']'.repeat(30_000)}]`, `{"notes":"${'x'.repeat(limit)}"}`, `{"a":"${'\\u0000'.repeat(10_000)}"}`,
    '\u0000', '{"a":"\\ud800"}', '{"a":1e400}', '{"a":-0}',
  );

const arrayOf = (node: Json): Json | undefined => {
  const schema = deref(node);
  return schema.type === 'array' ? schema : (schema.anyOf ?? []).map(deref).find((s: Json) => s.type === 'array');
};

/**
 * The example with each top-level list at its maxItems, each item carrying as many unknown keys as
 * `share` of the route's byte limit allows: the most problems one body can hold, which the error
 * answer must still list within Lambda's 6 MB (and without overflowing the stack on the way).
 */
function widest(example: Json, schema: Json, limit: number, share: number): string {
  const lists = Object.entries((deref(schema).properties ?? {}) as Record<string, Json>).flatMap(([name, node]) => {
    const list = arrayOf(node);
    return list?.maxItems ? [[name, list.maxItems as number] as const] : [];
  });
  const body: Json = { ...example };
  const perList = (share * limit) / Math.max(lists.length, 1);
  // Items of unknown keys only, as short as keys get: each is one more problem for the same bytes.
  const parts = lists.map(([name, max]) => {
    delete body[name];
    const keys = Math.max(1, Math.floor((perList / max - 2) / 7));
    const wide = `{${Array.from({ length: keys }, (_, i) => `"${i.toString(36)}":0`).join(',')}}`;
    return `${JSON.stringify(name)}:[${Array.from({ length: max }, () => wide).join(',')}]`;
  });
  const rest = JSON.stringify(body).slice(1, -1);
  return `{${[rest, ...parts].filter(Boolean).join(',')}}`;
}

/** `clean`: the body is the only odd part of the request, so bodies mostly valid, or one field off. */
export function bodyPlan(operation: Json, limit: number, clean = false): fc.Arbitrary<BodyPlan> {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) {
    // A route that takes no body: mostly none, sometimes one (which it must refuse without writing).
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
      { weight: 1, arbitrary: rawBodies(limit).map((text) => ({ kind: 'raw' as const, text })) },
      { weight: 1, arbitrary: nastyValue().map((value) => ({ kind: 'json' as const, value, mutations: [] })) },
    );
  }
  const examples = examplesOf(operation);
  const base = fc.oneof(
    { weight: 3, arbitrary: fromSchema(schema) },
    ...(examples.length ? [{ weight: 3, arbitrary: fc.constantFrom(...examples).map((e) => structuredClone(e)) }] : []),
  );
  const widestBody = fc.tuple(fc.constantFrom(...(examples.length ? examples : [{}])), fc.constantFrom(0.5, 0.97, 1.05)).map(([example, share]) => {
    const text = widest(example as Json, schema, limit, share);
    return { kind: 'raw' as const, text, [fc.toStringMethod]: () => `widest body (${share} of ${limit} bytes, ${text.length} chars)` };
  });
  const unmutated = base.map((value) => ({ kind: 'json' as const, value, mutations: [] }));
  if (clean) return fc.oneof(unmutated, fc.tuple(base, mutation()).map(([value, m]) => ({ kind: 'json' as const, value, mutations: [m] })));
  return fc.oneof(
    { weight: 3, arbitrary: unmutated },
    { weight: 6, arbitrary: fc.tuple(base, fc.array(mutation(), { minLength: 1, maxLength: 3 })).map(([value, mutations]) => ({ kind: 'json' as const, value, mutations })) },
    { weight: 1, arbitrary: nastyStructure().map((value) => ({ kind: 'json' as const, value, mutations: [] })) },
    { weight: 1, arbitrary: rawBodies(limit).map((text) => ({ kind: 'raw' as const, text })) },
    { weight: 1, arbitrary: widestBody },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
}

/** Bodies every run of a route sends, whatever the seed: each example as is, and the widest body just under the limit. */
export function edgeBodies(operation: Json, limit: number): BodyPlan[] {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return [{ kind: 'none' }];
  const examples = examplesOf(operation);
  return [
    ...examples.map((value) => ({ kind: 'json' as const, value, mutations: [] })),
    { kind: 'raw', text: widest((examples[0] ?? {}) as Json, schema, limit, 0.97) },
  ];
}

/** The body's text, with live ids put in before the mutations (so a mutation can still break an id). */
export function bodyText(plan: BodyPlan, pick: IdPicker): string | undefined {
  if (plan.kind === 'none') return undefined;
  if (plan.kind === 'raw') return plan.text;
  let value = withLiveIds(structuredClone(plan.value), pick);
  for (const m of plan.mutations) value = applyMutation(value, m);
  return toJsonText(value);
}

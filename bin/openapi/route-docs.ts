/**
 * What each route of the route table is, in words and answer shapes. Record routes are described
 * once for every resource definition; the other routes one by one. A route that is missing here
 * stops the generator, so a new route cannot go undocumented.
 */
import { routeKey, type Route } from '../../lambdas/routes';
import type { ResourceDefinition } from '../../lambdas/resources/resource';
import type { ReferenceRule } from './components';

type AnyResource = ResourceDefinition<object, object>;

export interface Example {
  readonly summary: string;
  readonly value: unknown;
}

export interface RouteDoc {
  readonly tag: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly success: {
    readonly status: 200 | 201 | 204;
    readonly description: string;
    /** A component name from components/schemas. */
    readonly schema?: string;
    readonly examples?: Record<string, Example>;
    readonly etag?: boolean;
    readonly location?: boolean;
    readonly replayable?: boolean;
  };
  readonly requestExamples?: Record<string, Example>;
  /** When 404 answers, beyond an unknown route. */
  readonly notFound?: string;
  /** When 409 answers. */
  readonly conflict?: string;
  /** When 422 answers: the field that names another record. */
  readonly invalidReference?: ReferenceRule;
  readonly ifMatch?: boolean;
  readonly idempotencyKey?: boolean;
  /** Path parameter descriptions. */
  readonly params?: Record<string, string>;
  /** Query parameter descriptions of this route, where texts.ts's shared `queryText` does not fit. */
  readonly query?: Record<string, string>;
}

export interface ResourceText {
  readonly tag: string;
  /** Lower-case singular and plural: "round", "rounds". */
  readonly one: string;
  readonly many: string;
  readonly order: string;
  /** Rules of the body that JSON Schema does not carry (cross-field refinements). */
  readonly rules: string;
  /** For records that others name (the definition has `needsNoReferences`): when DELETE (and PATCH, if it can be) is 409. */
  readonly namedBy?: { readonly patch?: string; readonly delete: string };
  /** For records that name another (the layout has `references`): the field, and when it is 422. */
  readonly reference?: ReferenceRule;
  /** For records with a value only one may hold (the layout has `uniques`): when POST and PATCH are 409. */
  readonly unique?: string;
  /** For records with computed fields (the definition has `derivedFields`): what every answer adds, and what it is in a create's answer. */
  readonly derived?: { readonly read: string; readonly created: string };
  /** Descriptions of this resource's fields where texts.ts's shared `fieldText` does not fit. */
  readonly fields?: Record<string, string>;
  /** Descriptions of the list's query parameters where texts.ts's shared `queryText` does not fit. */
  readonly query?: Record<string, string>;
  readonly examples: {
    readonly input: Record<string, Example>;
    readonly record: Record<string, Example>;
    /** The create answer, when it differs from a read's (computed fields of a record nothing names yet); else `record`. */
    readonly created?: Record<string, Example>;
    readonly patch: Record<string, Example>;
    readonly patched: Record<string, Example>;
    readonly page: Record<string, Example>;
  };
}

const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1);
/** "a round", "an agreement". */
export const a = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const pascal = (text: string) => text.split(/[^a-zA-Z0-9]+/).filter(Boolean).map(capital).join('');

/** A probe id for asking a layout what a field names. */
const PROBE_ID = '01JVZ8K3T5QW2E9R7Y4V6X0P1A';

/** What the text says about a resource must be what its definition does: a stale text stops the generator. */
function checkAgainstDefinition(resource: AnyResource, text: ResourceText): void {
  const Label = resource.label;
  const pairs: [string, boolean, boolean][] = [
    ['needsNoReferences and the text\'s namedBy (when DELETE/PATCH are 409)', resource.needsNoReferences !== undefined, text.namedBy !== undefined],
    ['layout.references and the text\'s reference (when POST/PATCH are 422)', resource.layout.references !== undefined, text.reference !== undefined],
    ['layout.uniques and the text\'s unique (when POST/PATCH are 409)', resource.layout.uniques !== undefined, text.unique !== undefined],
    ['derivedFields and the text\'s derived (what every answer adds)', (resource.derivedFields ?? []).length > 0, text.derived !== undefined],
    ['derivedFields and the text\'s created example (the create answer)', (resource.derivedFields ?? []).length > 0, text.examples.created !== undefined],
  ];
  for (const [what, defined, described] of pairs) if (defined !== described) throw new Error(`${Label}: ${what} go together`);
  if (text.reference) {
    const { field, target } = text.reference;
    const named = resource.layout.references!({ [field]: PROBE_ID } as never);
    if (!named.some((reference) => reference.field === field && reference.target === target)) {
      throw new Error(`${Label}: the text says \`${field}\` names a ${target}; the layout's references say ${JSON.stringify(named.map((r) => [r.field, r.target]))}`);
    }
  }
}

/** The five record routes of a resource. */
export function recordRouteDocs(resource: AnyResource, text: ResourceText): Map<string, RouteDoc> {
  checkAgainstDefinition(resource, text);
  const { one, many, tag, examples } = text;
  const Label = resource.label;
  const Many = pascal(resource.path);
  const idParam = { id: `The ${one}'s id (a ULID the server chose); an id that is not a ULID names no record: 404.` };
  const derived = text.derived ? ` ${text.derived.read}` : '';
  const listShape = (resource.listParams as unknown as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape;
  const emptyExample = 'from' in listShape && 'to' in listShape ? ' (e.g. `from` after `to`)' : '';
  const docs = new Map<string, RouteDoc>();
  docs.set(routeKey('GET', resource.path), {
    tag,
    operationId: `list${Many}`,
    summary: `List ${many}`,
    description:
      `${capital(many)}, ${text.order}, one page at a time: pass \`nextCursor\` as \`cursor\` until it is \`null\`. ` +
      `Walking all pages returns every item exactly once. Filters combine; filters that cannot match${emptyExample} answer an empty page. ` +
      `An unknown or repeated query parameter is 400.${derived}`,
    success: { status: 200, description: `A page of ${many}.`, schema: `${Label}Page`, examples: examples.page },
    ...(text.query ? { query: text.query } : {}),
  });
  docs.set(routeKey('POST', resource.path), {
    tag,
    operationId: `create${Label}`,
    summary: `Create ${a(one)}`,
    description:
      `Records a new ${one} (version 1) and its audit entry in one transaction. ${text.rules} Unknown fields are 400. ` +
      'With `Idempotency-Key`, a retry is safe: the first answer is answered again and nothing new is created.' +
      (text.derived ? ` ${text.derived.created}` : ''),
    success: {
      status: 201,
      description: `The created ${one}, with its \`ETag\` and \`Location\`; a replay of an earlier request with the same \`Idempotency-Key\` answers the same.`,
      schema: Label,
      examples: examples.created ?? examples.record,
      etag: true,
      location: true,
      replayable: true,
    },
    requestExamples: examples.input,
    conflict: ['The `Idempotency-Key` was used with another body.', text.unique].filter(Boolean).join(' '),
    invalidReference: text.reference,
    idempotencyKey: true,
  });
  docs.set(routeKey('GET', `${resource.path}/{id}`), {
    tag,
    operationId: `get${Label}`,
    summary: `Get ${a(one)}`,
    description: `One ${one}, read consistently, with its version as \`ETag\`.${derived}`,
    success: { status: 200, description: `The ${one}.`, schema: Label, examples: examples.record, etag: true },
    notFound: `No ${one} has this id.`,
    params: idParam,
  });
  const { namedBy } = text;
  const patchConflict = [namedBy?.patch, text.unique].filter(Boolean).join(' ');
  docs.set(routeKey('PATCH', `${resource.path}/{id}`), {
    tag,
    operationId: `update${Label}`,
    summary: `Change ${a(one)}`,
    description:
      'A partial body: each field given replaces the stored one, `null` clears an optional field (a required field cannot be cleared); ' +
      `unknown fields are 400. The result must satisfy the same rules as a create: ${text.rules} ` +
      'The version goes up by one; the change and its audit entry are one transaction.' +
      (namedBy?.patch ? ` ${namedBy.patch}` : '') +
      derived,
    success: { status: 200, description: `The changed ${one}, with its new \`ETag\`.`, schema: Label, examples: examples.patched, etag: true },
    requestExamples: examples.patch,
    notFound: `No ${one} has this id.`,
    conflict: patchConflict || undefined,
    invalidReference: text.reference,
    ifMatch: true,
    params: idParam,
  });
  docs.set(routeKey('DELETE', `${resource.path}/{id}`), {
    tag,
    operationId: `delete${Label}`,
    summary: `Delete ${a(one)}`,
    description:
      `Deletes the ${one} and writes its audit entry (with the record as it was) in one transaction.` +
      (namedBy ? ` ${namedBy.delete}` : ''),
    success: { status: 204, description: `Deleted; no body.` },
    notFound: `No ${one} has this id.`,
    conflict: namedBy?.delete,
    ifMatch: true,
    params: idParam,
  });
  return docs;
}

export function nestedListDoc(parent: AnyResource, parentText: ResourceText, child: AnyResource, childText: ResourceText): [string, RouteDoc] {
  return [
    routeKey('GET', `${parent.path}/{id}${child.path}`),
    {
      tag: parentText.tag,
      operationId: `list${parent.label}${pascal(childText.many)}`,
      summary: `List ${a(parentText.one)}'s ${childText.many}`,
      description:
        `The ${childText.many} exchanged in this ${parentText.one} (those whose \`${parentText.one}Id\` names it), ${childText.order}, one page at a time. ` +
        `The same as \`GET ${child.path}?${parentText.one}Id=…\`, except that an unknown ${parentText.one} is 404.`,
      success: { status: 200, description: `A page of ${childText.many}.`, schema: `${child.label}Page`, examples: childText.examples.page },
      notFound: `No ${parentText.one} has this id.`,
      params: { id: `The ${parentText.one}'s id.` },
    },
  ];
}

export function otherRouteDocs(examples: { stats: unknown; audit: Record<string, Example> }): Map<string, RouteDoc> {
  const statsExample = {
    dataset: {
      summary:
        "The public record 2022–2025 (data/exchanges-2022-2025.csv) with the 2025 Istanbul agreements (data/agreements-2025.json) and the sources' disputed figures (data/claims-2022-2025.json), no persons",
      value: examples.stats,
    },
  };
  return new Map<string, RouteDoc>([
    [
      routeKey('GET', '/stats'),
      {
        tag: 'Statistics',
        operationId: 'getStats',
        summary: 'Get the statistics',
        description:
          'The summary statistics as the last refresh computed them (one GetItem). Only `completed` rounds count; a null (undisclosed) figure adds 0 and ' +
          'counts the round in `roundsUndisclosed`; `awaitingExchange` is the persons `held`; `byYear` ascends. ' +
          "The totals are sums of the registry's headline figures, so where figures were not disclosed they are floors (at least this many), not estimates. " +
          'The civilians figures add only the rounds that say how many civilians there were: `roundsWithoutSplit` counts the others, and while it is above 0 the civilians figures are floors, ' +
          'never "zero civilians". Where sources disagree, `disputed` counts the rounds and repatriations whose versions differ, and `ranges` gives, per figure, the lowest and the highest ' +
          "version summed over the records (without disputes, low = high = the total). " +
          '`byAgreement` gives each agreement\'s progress by the same rules, oldest `reachedOn` first; ' +
          '`latest` the dates of the last completed round, repatriation and negotiation event, and the whole days from that round to `generatedAt`\'s date (UTC). ' +
          'Before the first refresh: zeros, never 404.',
        success: { status: 200, description: 'The statistics.', schema: 'Stats', examples: statsExample },
      },
    ],
    [
      routeKey('POST', '/stats/refresh'),
      {
        tag: 'Statistics',
        operationId: 'refreshStats',
        summary: 'Recompute the statistics now',
        description:
          'Runs the refresh that the schedule runs (every 15 minutes by default): Queries of the sparse stats index (rounds, repatriations, and persons in segments), ' +
          'of the agreements and of the newest negotiation event, never a Scan, then one PutItem. ' +
          'Takes no body (one that is sent is still checked: size, type, JSON).',
        success: { status: 200, description: 'The new statistics.', schema: 'Stats', examples: statsExample },
      },
    ],
    [
      routeKey('GET', '/audit'),
      {
        tag: 'Audit',
        operationId: 'listAudit',
        summary: "List a record's audit trail",
        description:
          'Every create, change and delete of one record, newest first, one page at a time: who (`actor`, the token subject), when, and the record ' +
          "before and after, as stored: without what the server computes at the read (an agreement's `progress`, a round's or a repatriation's `disputed`). A record that never existed has an empty trail.",
        success: { status: 200, description: 'A page of audit entries.', schema: 'AuditPage', examples: examples.audit },
      },
    ],
    [
      routeKey('GET', '/openapi.json'),
      {
        tag: 'Meta',
        operationId: 'getOpenApi',
        summary: 'Get this OpenAPI document',
        description: 'The OpenAPI 3.1 document of the API, generated at build time from the schemas the handlers validate with (`npm run openapi`).',
        success: { status: 200, description: 'This document.', schema: 'OpenApiDocument' },
      },
    ],
  ]);
}

/** Every route of the table needs a description; every description a route. */
export function docFor(route: Route, docs: ReadonlyMap<string, RouteDoc>): RouteDoc {
  const doc = docs.get(routeKey(route.method, route.path));
  if (!doc) throw new Error(`No OpenAPI description for ${route.method} ${route.path}: add one in bin/openapi/route-docs.ts`);
  return doc;
}

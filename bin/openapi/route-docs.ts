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
    /** A CSV file instead of JSON (the exports): the name it is saved under (`Content-Disposition`) and an example of it. */
    readonly csv?: { readonly filename: string; readonly example: string };
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
          "before and after, as stored: without what the server computes at the read (an agreement's `progress`, a round's or a repatriation's `disputed`); " +
          "a reconciliation's as its report is stored (StoredReconciliation: the report with `updatedAt`, without its entries and omitted persons). A record that never existed has an empty trail.",
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

/** The examples of the reconciliation routes (./reconciliation-examples.ts). */
export interface ReconciliationExamples {
  readonly input: { readonly russia: unknown; readonly icrc: unknown };
  readonly report: unknown;
  readonly icrcReport: unknown;
  readonly page: unknown;
  readonly entries: unknown;
  readonly firstEntries: unknown;
  readonly possibleEntries: unknown;
  readonly icrcEntries: unknown;
  readonly omitted: unknown;
}

/**
 * The six routes of `/reconciliations`, one by one: a report is no record resource (no PATCH, no
 * derived fields, answers that are the report rather than the record as stored). `bodyLimit`: the
 * POST's own limit, and `defaultLimit` every other route's (lambdas/routes.ts `bodyLimitOf`).
 */
export function reconciliationRouteDocs(
  examples: ReconciliationExamples,
  texts: { readonly outcomes: string; readonly bodyLimit: string; readonly defaultLimit: string },
): Map<string, RouteDoc> {
  const PATH = '/reconciliations';
  const idParam = { id: "The reconciliation's id (a ULID the server chose); an id that is not a ULID names no report: 404." };
  const notFound = 'No reconciliation has this id (or it was deleted).';
  const invented = '(invented persons: the public record names no one)';
  const report = {
    russia: { summary: `A list from Russia of 7 June 2025: 2 matched (one a missing person), 1 possible, 1 unknown, 2 held persons omitted ${invented}`, value: examples.report },
    icrc: { summary: `An ICRC list of Russian servicemen, 14 November 2025: 2 matched, 1 possible, 1 omitted ${invented}`, value: examples.icrcReport },
  };
  const omittedRule =
    "`omitted` counts the registry's persons of that side who are `held` and whom no entry matched (an entry that is only `possible` does not take its candidates off it); " +
    '`missingFound` the matched persons whose status is `missing`: a missing person on, say, a captor\'s list of the prisoners it holds.';
  return new Map<string, RouteDoc>([
    [
      routeKey('GET', PATH),
      {
        tag: 'Reconciliations',
        operationId: 'listReconciliations',
        summary: 'List reconciliations',
        description:
          'The reconciliation reports, newest first, one page at a time: pass `nextCursor` as `cursor` until it is `null`. Walking all pages returns every report exactly once. ' +
          'Each is the report with its summary; its entries and the persons it omits are pages of their own. An unknown or repeated query parameter is 400.',
        success: {
          status: 200,
          description: 'A page of reconciliation reports.',
          schema: 'ReconciliationPage',
          examples: { page: { summary: `Page: the two reports, newest first ${invented}`, value: examples.page } },
        },
      },
    ],
    [
      routeKey('POST', PATH),
      {
        tag: 'Reconciliations',
        operationId: 'createReconciliation',
        summary: "Reconcile a counterpart's list",
        description:
          "Checks a list of names handed over by the other side, the ICRC or a mediator against the registry's persons of the side it names (`listOf`), and keeps the report: " +
          'the answer comes once every entry is matched, with the summary; the entries, each with its outcome, and the persons the list omits are then read page by page. ' +
          `${texts.outcomes} ${omittedRule} ` +
          '**A reconciliation changes no person**: it is a report, kept with its audit entry (the report and its audit entry in one transaction), and never changed; an admin may delete it. ' +
          `The body may be up to ${texts.bodyLimit} (${texts.defaultLimit} on every other route): a list of 2,000 entries is about 250 KB. Unknown fields are 400. ` +
          'With `Idempotency-Key`, a retry is safe: the first answer is answered again, and nothing is matched or created again.',
        success: {
          status: 201,
          description: 'The report, with its `ETag` and `Location`; a replay of an earlier request with the same `Idempotency-Key` answers the same.',
          schema: 'Reconciliation',
          examples: report,
          etag: true,
          location: true,
          replayable: true,
        },
        requestExamples: {
          russia: {
            summary: `A list from Russia naming Ukrainians, in their Russian forms (Дмитрий for Дмитро, Алексей for Олексій) and in Latin ${invented}`,
            value: examples.input.russia,
          },
          icrc: { summary: `An ICRC list naming Russian servicemen, in Latin (Artem for Артём) ${invented}`, value: examples.input.icrc },
        },
        conflict: 'The `Idempotency-Key` was used with another body.',
        idempotencyKey: true,
      },
    ],
    [
      routeKey('GET', `${PATH}/{id}`),
      {
        tag: 'Reconciliations',
        operationId: 'getReconciliation',
        summary: 'Get a reconciliation',
        description: "One report, read consistently, with its version as `ETag`: the list's particulars and the summary of its matching, as of when it was made.",
        success: { status: 200, description: 'The report.', schema: 'Reconciliation', examples: report, etag: true },
        notFound,
        params: idParam,
      },
    ],
    [
      routeKey('DELETE', `${PATH}/{id}`),
      {
        tag: 'Reconciliations',
        operationId: 'deleteReconciliation',
        summary: 'Delete a reconciliation',
        description:
          'Deletes the report and writes its audit entry (with the report as it was) in one transaction, then its entries and omitted persons; ' +
          'no person is touched. A report is never changed, so its version, and the `ETag` to send as `If-Match`, is always `"1"`.',
        success: { status: 204, description: 'Deleted; no body.' },
        notFound,
        ifMatch: true,
        params: idParam,
      },
    ],
    [
      routeKey('GET', `${PATH}/{id}/entries`),
      {
        tag: 'Reconciliations',
        operationId: 'listReconciliationEntries',
        summary: "List a reconciliation's entries",
        description:
          'The entries of the list, in list order (`index` 0, 1, …), each as it was sent with what the registry made of it, one page at a time: ' +
          `pass \`nextCursor\` as \`cursor\` until it is \`null\`. ${texts.outcomes} ` +
          'With `outcome`, only the entries of that outcome, still in list order: `?outcome=possible` is the work left to a person. An unknown or repeated query parameter is 400.',
        success: {
          status: 200,
          description: 'A page of entries.',
          schema: 'ReconciliationEntryPage',
          examples: {
            all: { summary: `Entries: the list from Russia of 7 June 2025, one entry of each outcome and a missing person matched ${invented}`, value: examples.entries },
            first: { summary: `First page: the same with \`?limit=2\`, with more to come ${invented}`, value: examples.firstEntries },
            possible: { summary: `Possible: \`?outcome=possible\`, a name that agrees and a date of birth that does not ${invented}`, value: examples.possibleEntries },
            icrc: { summary: `ICRC: Russian names in Latin, one with a date of birth a digit off ${invented}`, value: examples.icrcEntries },
          },
        },
        notFound: `${notFound} Its entries go with it.`,
        params: { id: idParam.id },
        query: { outcome: 'Only the entries with this outcome (still in list order).' },
      },
    ],
    [
      routeKey('GET', `${PATH}/{id}/omitted`),
      {
        tag: 'Reconciliations',
        operationId: 'listReconciliationOmitted',
        summary: 'List the persons a reconciliation omits',
        description:
          "The registry's persons of the list's side (`listOf`) who were `held` and whom no entry matched: held, by the registry's record, and not on the list, the ones to ask about. " +
          'An entry that is only `possible` does not take its candidates off this list. As of the reconciliation (a person who changed since is listed as the report found them), ' +
          'by person id, one page at a time: pass `nextCursor` as `cursor` until it is `null`. An unknown or repeated query parameter is 400.',
        success: {
          status: 200,
          description: 'A page of omitted persons.',
          schema: 'OmittedPersonPage',
          examples: {
            omitted: {
              summary: `Omitted: of the list from Russia of 7 June 2025, a held person the list does not name, and one it only may (a \`possible\` entry) ${invented}`,
              value: examples.omitted,
            },
          },
        },
        notFound: `${notFound} Its omitted persons go with it.`,
        params: idParam,
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

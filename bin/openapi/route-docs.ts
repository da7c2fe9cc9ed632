/**
 * What each route of the route table is, in words and answer shapes. Record routes are described
 * once for every resource definition; the other routes one by one. A route that is missing here
 * stops the generator, so a new route cannot go undocumented.
 */
import { routeKey, type Route } from '../../lambdas/routes';
import type { ResourceDefinition } from '../../lambdas/resources/resource';

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
  readonly invalidReference?: boolean;
  readonly ifMatch?: boolean;
  readonly idempotencyKey?: boolean;
  /** Path parameter descriptions. */
  readonly params?: Record<string, string>;
}

export interface ResourceText {
  readonly tag: string;
  /** Lower-case singular and plural: "round", "rounds". */
  readonly one: string;
  readonly many: string;
  readonly order: string;
  /** Rules of the body that JSON Schema does not carry (cross-field refinements). */
  readonly rules: string;
  /** For records that others name (the definition has `needsNoReferences`): when PATCH and DELETE are 409. */
  readonly namedBy?: { readonly patch: string; readonly delete: string };
  readonly examples: {
    readonly input: Record<string, Example>;
    readonly record: Record<string, Example>;
    readonly patch: Record<string, Example>;
    readonly patched: Record<string, Example>;
    readonly page: Record<string, Example>;
  };
}

const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1);
const pascal = (text: string) => text.split(/[^a-zA-Z0-9]+/).filter(Boolean).map(capital).join('');

/** The five record routes of a resource. */
export function recordRouteDocs(resource: AnyResource, text: ResourceText): Map<string, RouteDoc> {
  const { one, many, tag, examples } = text;
  const Label = resource.label;
  const Many = pascal(many);
  const idParam = { id: `The ${one}'s id (a ULID the server chose); an id that is not a ULID names no record: 404.` };
  const docs = new Map<string, RouteDoc>();
  docs.set(routeKey('GET', resource.path), {
    tag,
    operationId: `list${Many}`,
    summary: `List ${many}`,
    description:
      `${capital(many)}, ${text.order}, one page at a time: pass \`nextCursor\` as \`cursor\` until it is \`null\`. ` +
      'Walking all pages returns every item exactly once. Filters combine; filters that cannot match (e.g. `from` after `to`) answer an empty page. ' +
      'An unknown or repeated query parameter is 400.',
    success: { status: 200, description: `A page of ${many}.`, schema: `${Label}Page`, examples: examples.page },
  });
  docs.set(routeKey('POST', resource.path), {
    tag,
    operationId: `create${Label}`,
    summary: `Create a ${one}`,
    description:
      `Records a new ${one} (version 1) and its audit entry in one transaction. ${text.rules} Unknown fields are 400. ` +
      'With `Idempotency-Key`, a retry is safe: the first answer is answered again and nothing new is created.',
    success: {
      status: 201,
      description: `The created ${one}, with its \`ETag\` and \`Location\`; a replay of an earlier request with the same \`Idempotency-Key\` answers the same.`,
      schema: Label,
      examples: examples.record,
      etag: true,
      location: true,
      replayable: true,
    },
    requestExamples: examples.input,
    conflict: 'The `Idempotency-Key` was used with another body.',
    invalidReference: resource.layout.references !== undefined,
    idempotencyKey: true,
  });
  docs.set(routeKey('GET', `${resource.path}/{id}`), {
    tag,
    operationId: `get${Label}`,
    summary: `Get a ${one}`,
    description: `One ${one}, read consistently, with its version as \`ETag\`.`,
    success: { status: 200, description: `The ${one}.`, schema: Label, examples: examples.record, etag: true },
    notFound: `No ${one} has this id.`,
    params: idParam,
  });
  const { namedBy } = text;
  if ((resource.needsNoReferences !== undefined) !== (namedBy !== undefined)) {
    throw new Error(`${Label}: needsNoReferences and the text's namedBy (when PATCH/DELETE are 409) go together`);
  }
  docs.set(routeKey('PATCH', `${resource.path}/{id}`), {
    tag,
    operationId: `update${Label}`,
    summary: `Change a ${one}`,
    description:
      'A partial body: each field given replaces the stored one, `null` clears an optional field (a required field cannot be cleared); ' +
      `unknown fields are 400. The result must satisfy the same rules as a create: ${text.rules} ` +
      'The version goes up by one; the change and its audit entry are one transaction.' +
      (namedBy ? ` ${namedBy.patch}` : ''),
    success: { status: 200, description: `The changed ${one}, with its new \`ETag\`.`, schema: Label, examples: examples.patched, etag: true },
    requestExamples: examples.patch,
    notFound: `No ${one} has this id.`,
    conflict: namedBy?.patch,
    invalidReference: resource.layout.references !== undefined,
    ifMatch: true,
    params: idParam,
  });
  docs.set(routeKey('DELETE', `${resource.path}/{id}`), {
    tag,
    operationId: `delete${Label}`,
    summary: `Delete a ${one}`,
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
      summary: `List a ${parentText.one}'s ${childText.many}`,
      description:
        `The ${childText.many} exchanged in this ${parentText.one} (those whose \`${parentText.one}Id\` names it), ${childText.order}, one page at a time. ` +
        `The same as \`GET ${child.path}?${parentText.one}Id=…\`, except that an unknown ${parentText.one} is 404.`,
      success: { status: 200, description: `A page of ${childText.many}.`, schema: `${child.label}Page`, examples: childText.examples.page },
      notFound: `No ${parentText.one} has this id.`,
      params: { id: `The ${parentText.one}'s id.` },
    },
  ];
}

export function otherRouteDocs(examples: { stats: unknown; auditPage: unknown }): Map<string, RouteDoc> {
  const statsExample = { dataset: { summary: 'The public record 2022–2025 (data/exchanges-2022-2025.csv), no persons', value: examples.stats } };
  return new Map<string, RouteDoc>([
    [
      routeKey('GET', '/stats'),
      {
        tag: 'Statistics',
        operationId: 'getStats',
        summary: 'Get the statistics',
        description:
          'The summary statistics as the last refresh computed them (one GetItem). Only `completed` rounds count; a null (undisclosed) figure adds 0 and ' +
          'counts the round in `roundsUndisclosed`; `awaitingExchange` is the persons `held`; `byYear` ascends. Before the first refresh: zeros, never 404.',
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
          'Runs the refresh that the schedule runs (every 15 minutes by default): three Queries of the stats index, never a Scan, then one PutItem. ' +
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
          'before and after. A record that never existed has an empty trail.',
        success: { status: 200, description: 'A page of audit entries.', schema: 'AuditPage', examples: { round: { summary: 'A round created, then given its split', value: examples.auditPage } } },
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

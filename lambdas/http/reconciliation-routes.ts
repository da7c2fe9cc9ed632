/**
 * `/reconciliations`: run one (editors), read the report, its entries and the persons it omits
 * (viewers: personal data), delete one (admins). The matching is the service's; this is HTTP.
 */
import * as z from 'zod/mini';
import { idPattern } from '../domain/ids';
import { DEFAULT_PAGE_SIZE, pageParams } from '../domain/query-params';
import { outcomes, reconciliationInput, type EntryReport, type OmittedPerson } from '../domain/reconciliation';
import { notFound } from './api-error';
import { etagOf, parseIfMatch } from './etag';
import { idempotencyKeyOf, idempotent } from './idempotency';
import { listReply } from './record-routes';
import { route, type RouteHandler } from './route';
import type { Reply } from './event';
import { entriesQuery, reconciliationsQuery } from '../store/keys';
import { omittedPage, type OmittedPosition } from '../store/reconciliations';
import { decodePosition, encodePosition } from './cursor';
import { deleteReconciliation, readReconciliation, reconcile, type Reconciliation } from '../service/reconcile';
import { logger } from '../observability/logger';
import { countReconciliation } from '../observability/metrics';

const PATH = '/reconciliations';
const idParams = z.strictObject({ id: z.string() });

const reportId = (id: string): string => {
  if (!idPattern.test(id)) throw notFound('Reconciliation');
  return id;
};

/** The contract's shape of a report, in its order. */
const present = (r: Reconciliation) => ({
  id: r.id,
  title: r.title,
  receivedFrom: r.receivedFrom,
  receivedOn: r.receivedOn,
  listOf: r.listOf,
  createdAt: r.createdAt,
  version: r.version,
  summary: r.summary,
});

const presentEntry = (e: EntryReport) => ({
  index: e.index,
  ...(e.ref !== undefined ? { ref: e.ref } : {}),
  fullName: e.fullName,
  ...(e.dateOfBirth !== undefined ? { dateOfBirth: e.dateOfBirth } : {}),
  ...(e.serviceNumber !== undefined ? { serviceNumber: e.serviceNumber } : {}),
  ...(e.kind !== undefined ? { kind: e.kind } : {}),
  outcome: e.outcome,
  match: e.match,
  candidates: e.candidates,
});

const presentOmitted = (p: OmittedPerson) => ({ personId: p.personId, fullName: p.fullName, status: p.status });

/** A position this API could have issued: whole numbers in range (chunks are ≤ 5 digits, offsets < a chunk). */
const isPosition = (value: unknown): value is OmittedPosition => {
  const p = value as Record<string, unknown>;
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(p).sort().join() === 'chunk,offset' &&
    Number.isInteger(p.chunk) && (p.chunk as number) >= 0 && (p.chunk as number) < 100_000 &&
    Number.isInteger(p.offset) && (p.offset as number) >= 0 && (p.offset as number) < 100_000
  );
};

const reportReply = (record: Reconciliation, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  body: present(record),
  headers: { etag: etagOf(record.version), ...headers },
});

export function reconciliationReadRoutes(): Record<string, RouteHandler> {
  return {
    [`GET ${PATH}`]: route({
      query: z.strictObject(pageParams),
      handle: ({ query }) => listReply(reconciliationsQuery(), query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, (items: Reconciliation[]) => items.map(present)),
    }),
    [`GET ${PATH}/{id}`]: route({
      params: idParams,
      handle: async ({ params }) => reportReply(await readReconciliation(reportId(params.id))),
    }),
    [`GET ${PATH}/{id}/entries`]: route({
      params: idParams,
      query: z.strictObject({ ...pageParams, outcome: z.optional(z.enum(outcomes)) }),
      handle: async ({ params, query }) => {
        const report = await readReconciliation(reportId(params.id));
        return listReply(entriesQuery(report.id, query.outcome), query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, (items: EntryReport[]) => items.map(presentEntry));
      },
    }),
    [`GET ${PATH}/{id}/omitted`]: route({
      params: idParams,
      query: z.strictObject(pageParams),
      handle: async ({ params, query }) => {
        const report = await readReconciliation(reportId(params.id));
        const scope = `omitted#${report.id}`;
        const page = await omittedPage(report.id, query.limit ?? DEFAULT_PAGE_SIZE, decodePosition(query.cursor, scope, isPosition));
        return { status: 200, body: { items: page.persons.map(presentOmitted), nextCursor: page.next ? encodePosition({ ...page.next }, scope) : null } };
      },
    }),
  };
}

export function reconciliationWriteRoutes(): Record<string, RouteHandler> {
  // Idempotency keys are scoped to the route they were sent to.
  const scope = `POST ${PATH}`;
  return {
    [`POST ${PATH}`]: route({
      body: reconciliationInput,
      handle: async ({ body, caller, headers, requestId }) => {
        const created = (record: Reconciliation) => reportReply(record, 201, { location: `${PATH}/${record.id}` });
        const run = async (idempotency?: Parameters<typeof reconcile>[2]) => {
          const started = performance.now();
          const { record, figures } = await reconcile(body, caller, idempotency);
          countReconciliation(performance.now() - started, record.summary.entries, figures.personsRead);
          // Sizes and times only: never a name.
          logger.info('reconciliation', { requestId, entries: record.summary.entries, personsRead: figures.personsRead, matchMs: Math.round(figures.matchMs) });
          return record;
        };
        const key = idempotencyKeyOf(headers);
        if (key === undefined) return created(await run());
        return idempotent(scope, caller.subject, key, body, async (remember) => {
          let reply: Reply | undefined;
          await run((record) => remember((reply = created(record))));
          return reply!;
        });
      },
    }),
    [`DELETE ${PATH}/{id}`]: route({
      params: idParams,
      handle: async ({ params, caller, headers }) => {
        await deleteReconciliation(reportId(params.id), caller, parseIfMatch(headers['if-match']));
        return { status: 204 };
      },
    }),
  };
}

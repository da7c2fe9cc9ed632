/**
 * The five record routes (list, read, create, change, delete) for any resource definition.
 * Handlers stay thin: read the request, call the service or store, shape the answer. Each
 * function entry names its routes with the route table's keys (`'PATCH /rounds/{id}'`).
 */
import * as z from 'zod/mini';
import { idPattern } from '../domain/ids';
import { DEFAULT_PAGE_SIZE, pageParams } from '../domain/query-params';
import { notFound } from './api-error';
import { decodeCursor, encodeCursor } from './cursor';
import { etagOf, parseIfMatch } from './etag';
import { idempotencyKeyOf, idempotent } from './idempotency';
import { route, type RouteHandler } from './route';
import type { Reply } from './event';
import { queryPage } from '../store/records';
import type { ListQuery } from '../store/keys';
import { createFor, deleteFor, readRecord, updateFor, type StoredRecord } from '../service/record-writes';
import type { RecordResource, ResourceDefinition } from '../resources/resource';
import { fieldOrderOf, inFieldOrder } from '../resources/field-order';

const idParams = z.strictObject({ id: z.string() });

/** Ids are server-made ULIDs: anything else names no record, and never reaches the table. */
function recordId(resource: { readonly label: string }, id: string): string {
  if (!idPattern.test(id)) throw notFound(resource.label);
  return id;
}

function replies<TInput extends object>(resource: RecordResource<TInput>) {
  const order = fieldOrderOf(resource.input);
  const present = <T extends object>(record: T) => inFieldOrder(record, order);
  const recordReply = (record: StoredRecord<TInput>, status = 200, headers: Record<string, string> = {}): Reply => ({
    status,
    body: present(record),
    headers: { etag: etagOf(record.version), ...headers },
  });
  return { present, recordReply };
}

/** A page of a list, or an empty page when the filters match nothing by construction. */
export async function listReply<T>(
  listQuery: ListQuery | undefined,
  limit: number,
  cursor: string | undefined,
  present: (item: T) => unknown = (item) => item,
): Promise<Reply> {
  if (!listQuery) return { status: 200, body: { items: [], nextCursor: null } };
  const page = await queryPage<T>(listQuery, limit, decodeCursor(cursor, listQuery));
  return { status: 200, body: { items: page.items.map(present), nextCursor: encodeCursor(page.lastKey, listQuery) } };
}

/** `GET <parent>/{id}/<children>`: 404 for an unknown parent, else a page of the records that name it. */
export function nestedListRoute<TParent extends object, TChild extends object>(
  parent: RecordResource<TParent>,
  child: RecordResource<TChild>,
  childrenOf: (parentId: string) => ListQuery,
): RouteHandler {
  const { present } = replies(child);
  return route({
    params: idParams,
    query: z.strictObject(pageParams),
    handle: async ({ params, query }) => {
      const parentRecord = await readRecord(parent, recordId(parent, params.id));
      return listReply<object>(childrenOf(parentRecord.id), query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, present);
    },
  });
}

/** `GET <path>` and `GET <path>/{id}`. */
export function readRoutes<TInput extends object, TFilter extends object>(resource: ResourceDefinition<TInput, TFilter>) {
  const { present, recordReply } = replies(resource);
  return {
    list: route({
      query: resource.listParams,
      handle: async ({ query }) => listReply<object>(resource.listQuery(query), query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, present),
    }),
    read: route({
      params: idParams,
      handle: async ({ params }) => recordReply(await readRecord(resource, recordId(resource, params.id))),
    }),
  } satisfies Record<string, RouteHandler>;
}

/** `POST <path>`, `PATCH <path>/{id}` and `DELETE <path>/{id}`. */
export function writeRoutes<TInput extends object>(resource: RecordResource<TInput>) {
  const { recordReply } = replies(resource);
  // Idempotency keys are scoped to the route they were sent to.
  const createScope = `POST ${resource.path}`;
  return {
    create: route({
      body: resource.input,
      handle: async ({ body, caller, headers }) => {
        const created = (record: StoredRecord<TInput>) => recordReply(record, 201, { location: `${resource.path}/${record.id}` });
        const key = idempotencyKeyOf(headers);
        if (key === undefined) return created(await createFor(resource, body, caller));
        return idempotent(createScope, caller.subject, key, body, async (remember) => {
          let reply: Reply | undefined;
          await createFor(resource, body, caller, (record) => remember((reply = created(record))));
          return reply!;
        });
      },
    }),
    update: route({
      params: idParams,
      body: resource.patch,
      handle: async ({ params, body, caller, headers }) =>
        recordReply(await updateFor(resource, recordId(resource, params.id), body, caller, parseIfMatch(headers['if-match']))),
    }),
    remove: route({
      params: idParams,
      handle: async ({ params, caller, headers }) => {
        await deleteFor(resource, recordId(resource, params.id), caller, parseIfMatch(headers['if-match']));
        return { status: 204 };
      },
    }),
  } satisfies Record<string, RouteHandler>;
}

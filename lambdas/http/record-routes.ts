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

/**
 * How a resource's computed fields (its `derivedFields`) are added to its answers: the service's
 * business, handed to the routes by the function that serves them.
 */
export interface Derivation<TRecord> {
  /** For records as stored, a page at a time. */
  readonly stored: (records: readonly TRecord[]) => Promise<object[]>;
  /** For a record just created, which nothing can name yet: no read needed. */
  readonly created: (record: TRecord) => object;
  /**
   * For a record about to be changed: what the answer needs is read before the write, and the
   * answer computed from the changed record. A read after the write that failed would answer 503
   * for a change already made (a retry with its If-Match would then get 412 for its own change).
   */
  readonly beforeUpdate?: (id: string) => Promise<(record: TRecord) => object>;
}

function replies<TInput extends object>(resource: RecordResource<TInput>, derive?: Derivation<StoredRecord<TInput>>) {
  const order = fieldOrderOf(resource.input, resource.derivedFields);
  const computed = (record: StoredRecord<TInput>): StoredRecord<TInput> => (resource.compute ? { ...record, ...resource.compute(record) } : record);
  const ordered = <T extends object>(record: T) => inFieldOrder(record, order);
  const presentAll = async (stored: StoredRecord<TInput>[]): Promise<object[]> => {
    const records = stored.map(computed);
    return (derive ? await derive.stored(records) : records).map(ordered);
  };
  const reply = (body: object, version: number, status: number, headers: Record<string, string>): Reply => ({
    status,
    body,
    headers: { etag: etagOf(version), ...headers },
  });
  const recordReply = async (record: StoredRecord<TInput>, status = 200, headers: Record<string, string> = {}): Promise<Reply> =>
    reply((await presentAll([record]))[0]!, record.version, status, headers);
  const createdReply = (record: StoredRecord<TInput>, headers: Record<string, string>): Reply =>
    reply(ordered(derive ? derive.created(computed(record)) : computed(record)), record.version, 201, headers);
  const updatedReply = async (id: string, update: () => Promise<StoredRecord<TInput>>): Promise<Reply> => {
    if (!derive?.beforeUpdate) return recordReply(await update());
    const present = await derive.beforeUpdate(id);
    const record = await update();
    return reply(ordered(present(computed(record))), record.version, 200, {});
  };
  return { presentAll, recordReply, createdReply, updatedReply };
}

/** A page of a list, or an empty page when the filters match nothing by construction. */
export async function listReply<T>(
  listQuery: ListQuery | undefined,
  limit: number,
  cursor: string | undefined,
  presentAll: (items: T[]) => unknown[] | Promise<unknown[]> = (items) => items,
): Promise<Reply> {
  if (!listQuery) return { status: 200, body: { items: [], nextCursor: null } };
  const page = await queryPage<T>(listQuery, limit, decodeCursor(cursor, listQuery));
  return { status: 200, body: { items: await presentAll(page.items), nextCursor: encodeCursor(page.lastKey, listQuery) } };
}

/** `GET <parent>/{id}/<children>`: 404 for an unknown parent, else a page of the records that name it. */
export function nestedListRoute<TParent extends object, TChild extends object>(
  parent: RecordResource<TParent>,
  child: RecordResource<TChild>,
  childrenOf: (parentId: string) => ListQuery,
): RouteHandler {
  const { presentAll } = replies(child);
  return route({
    params: idParams,
    query: z.strictObject(pageParams),
    handle: async ({ params, query }) => {
      const parentRecord = await readRecord(parent, recordId(parent, params.id));
      return listReply(childrenOf(parentRecord.id), query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, presentAll);
    },
  });
}

/** `GET <path>` and `GET <path>/{id}`. */
export function readRoutes<TInput extends object, TFilter extends object>(
  resource: ResourceDefinition<TInput, TFilter>,
  derive?: Derivation<StoredRecord<TInput>>,
) {
  const { presentAll, recordReply } = replies(resource, derive);
  return {
    list: route({
      query: resource.listParams,
      handle: async ({ query }) => listReply(resource.listQuery(query), query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, presentAll),
    }),
    read: route({
      params: idParams,
      handle: async ({ params }) => recordReply(await readRecord(resource, recordId(resource, params.id))),
    }),
  } satisfies Record<string, RouteHandler>;
}

/** `POST <path>`, `PATCH <path>/{id}` and `DELETE <path>/{id}`. */
export function writeRoutes<TInput extends object>(resource: RecordResource<TInput>, derive?: Derivation<StoredRecord<TInput>>) {
  const { createdReply, updatedReply } = replies(resource, derive);
  // Idempotency keys are scoped to the route they were sent to.
  const createScope = `POST ${resource.path}`;
  return {
    create: route({
      body: resource.input,
      handle: async ({ body, caller, headers }) => {
        const created = (record: StoredRecord<TInput>) => createdReply(record, { location: `${resource.path}/${record.id}` });
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
      handle: async ({ params, body, caller, headers }) => {
        const id = recordId(resource, params.id);
        return updatedReply(id, () => updateFor(resource, id, body, caller, parseIfMatch(headers['if-match'])));
      },
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

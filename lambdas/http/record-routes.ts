/**
 * The five record routes (list, read, create, change, delete) for any resource definition.
 * Handlers stay thin: read the request, call the service or store, shape the answer.
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
import type { ResourceDefinition } from '../resources/resource';
import { routeKey } from '../routes';
import { fieldOrderOf, inFieldOrder } from '../resources/field-order';

const idParams = z.strictObject({ id: z.string() });

/** Ids are server-made ULIDs: anything else names no record, and never reaches the table. */
function recordId(resource: ResourceDefinition<object, object>, id: string): string {
  if (!idPattern.test(id)) throw notFound(resource.label);
  return id;
}

function replies(resource: ResourceDefinition<object, object>) {
  const order = fieldOrderOf(resource.input);
  const present = <T extends object>(record: T) => inFieldOrder(record, order);
  const recordReply = (record: StoredRecord<object>, status = 200, headers: Record<string, string> = {}): Reply => ({
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
export function nestedListRoute<TInput extends object, TFilter extends object, CInput extends object, CFilter extends object>(
  parentResource: ResourceDefinition<TInput, TFilter>,
  childResource: ResourceDefinition<CInput, CFilter>,
  childrenOf: (parentId: string) => ListQuery,
): Record<string, RouteHandler> {
  const parent = parentResource as unknown as ResourceDefinition<object, object>;
  const { present } = replies(childResource as unknown as ResourceDefinition<object, object>);
  return {
    [routeKey('GET', `${parent.path}/{id}${childResource.path}`)]: route({
      params: idParams,
      query: z.strictObject(pageParams),
      handle: async ({ params, query }) => {
        const parentRecord = await readRecord(parent, recordId(parent, params.id));
        return listReply<object>(childrenOf(parentRecord.id), query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, present);
      },
    }),
  };
}

export function readRoutes<TInput extends object, TFilter extends object>(
  resource: ResourceDefinition<TInput, TFilter>,
): Record<string, RouteHandler> {
  const generic = resource as unknown as ResourceDefinition<object, object>;
  const { present, recordReply } = replies(generic);
  return {
    [routeKey('GET', resource.path)]: route({
      query: resource.listParams,
      handle: async ({ query }) => {
        const { limit = DEFAULT_PAGE_SIZE, cursor, ...filter } = query;
        return listReply<object>(resource.listQuery(filter as unknown as TFilter), limit, cursor, present);
      },
    }),
    [routeKey('GET', `${resource.path}/{id}`)]: route({
      params: idParams,
      handle: async ({ params }) => recordReply(await readRecord(generic, recordId(generic, params.id))),
    }),
  };
}

export function writeRoutes<TInput extends object, TFilter extends object>(
  resource: ResourceDefinition<TInput, TFilter>,
): Record<string, RouteHandler> {
  const generic = resource as unknown as ResourceDefinition<object, object>;
  const { recordReply } = replies(generic);
  const createScope = routeKey('POST', resource.path);
  return {
    [createScope]: route({
      body: resource.input,
      handle: async ({ body, caller, headers }) => {
        const created = (record: StoredRecord<object>) => recordReply(record, 201, { location: `${resource.path}/${record.id}` });
        const key = idempotencyKeyOf(headers);
        if (key === undefined) return created(await createFor(generic, body, caller));
        return idempotent(createScope, key, body, async (remember) => {
          let reply: Reply | undefined;
          await createFor(generic, body, caller, (record) => remember((reply = created(record))));
          return reply!;
        });
      },
    }),
    [routeKey('PATCH', `${resource.path}/{id}`)]: route({
      params: idParams,
      body: resource.patch,
      handle: async ({ params, body, caller, headers }) =>
        recordReply(await updateFor(generic, recordId(generic, params.id), body, caller, parseIfMatch(headers['if-match']))),
    }),
    [routeKey('DELETE', `${resource.path}/{id}`)]: route({
      params: idParams,
      handle: async ({ params, caller, headers }) => {
        await deleteFor(generic, recordId(generic, params.id), caller, parseIfMatch(headers['if-match']));
        return { status: 204 };
      },
    }),
  };
}

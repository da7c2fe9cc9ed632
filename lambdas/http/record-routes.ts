/**
 * The five record routes (list, read, create, change, delete) for any resource definition.
 * Handlers stay thin: read the request, call the service or store, shape the answer.
 */
import * as z from 'zod/mini';
import { idPattern } from '../domain/ids';
import { DEFAULT_PAGE_SIZE } from '../domain/query-params';
import { notFound } from './api-error';
import { decodeCursor, encodeCursor } from './cursor';
import { etagOf, parseIfMatch } from './etag';
import { idempotencyKeyOf, idempotent } from './idempotency';
import { route, type RouteHandler } from './route';
import type { Reply } from './event';
import { queryPage } from '../store/records';
import { createFor, deleteFor, readRecord, updateFor, type StoredRecord } from '../service/record-writes';
import type { ResourceDefinition } from '../resources/resource';
import { routeKey } from '../routes';

const idParams = z.strictObject({ id: z.string() });

/** Ids are server-made ULIDs: anything else names no record, and never reaches the table. */
function recordId(resource: ResourceDefinition<object, object>, id: string): string {
  if (!idPattern.test(id)) throw notFound(resource.label);
  return id;
}

const recordReply = (record: StoredRecord<object>, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  body: record,
  headers: { etag: etagOf(record.version), ...headers },
});

export function readRoutes<TInput extends object, TFilter extends object>(
  resource: ResourceDefinition<TInput, TFilter>,
): Record<string, RouteHandler> {
  const generic = resource as unknown as ResourceDefinition<object, object>;
  return {
    [routeKey('GET', resource.path)]: route({
      query: resource.listParams,
      handle: async ({ query }) => {
        const { limit = DEFAULT_PAGE_SIZE, cursor, ...filter } = query;
        const listQuery = resource.listQuery(filter as unknown as TFilter);
        if (!listQuery) return { status: 200, body: { items: [], nextCursor: null } };
        const page = await queryPage(listQuery, limit, decodeCursor(cursor, listQuery));
        return { status: 200, body: { items: page.items, nextCursor: encodeCursor(page.lastKey, listQuery) } };
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

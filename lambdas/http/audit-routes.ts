/** `GET /audit?entity=…&id=…`: a record's audit trail, newest first (admins). */
import * as z from 'zod/mini';
import { DEFAULT_PAGE_SIZE, pageParams } from '../domain/query-params';
import { auditQuery, type EntityName } from '../store/keys';
import { listReply } from './record-routes';
import { route, type RouteHandler } from './route';

const entities = ['rounds', 'repatriations', 'persons', 'agreements', 'negotiations', 'reconciliations'] as const satisfies readonly EntityName[];

interface AuditItem {
  action: 'create' | 'update' | 'delete';
  actor: string;
  at: string;
  before: unknown;
  after: unknown;
}

const present = ({ action, actor, at, before, after }: AuditItem) => ({ action, actor, at, before: before ?? null, after: after ?? null });

export function auditRoutes(): Record<string, RouteHandler> {
  return {
    'GET /audit': route({
      query: z.strictObject({ ...pageParams, entity: z.enum(entities), id: z.string().check(z.minLength(1), z.maxLength(64)) }),
      handle: ({ query }) => listReply(auditQuery(query.entity, query.id), query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, (items: AuditItem[]) => items.map(present)),
    }),
  };
}

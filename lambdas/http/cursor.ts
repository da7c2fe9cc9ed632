/**
 * Opaque page cursors: the last key of a page, bound to the query that produced it. A cursor that
 * this API did not issue for this query (edited, truncated, from another list, made by hand) is
 * `invalid_cursor`, never a DynamoDB error. The checksum only catches accidents (it is not keyed:
 * anyone can compute it); what keeps a forged cursor away from DynamoDB is the key's validation
 * against the list it belongs to: exactly the query's key attributes, its partition, and every
 * other attribute in the shape of that list's items (keys/query.ts `keyShape`), which also bounds
 * its length. A forged cursor that passes names a position inside the same list: nothing the
 * caller could not page to.
 */
import { createHash } from 'node:crypto';
import { invalidCursor } from './api-error';
import type { Key, ListQuery } from '../store/keys';

const fingerprint = (query: ListQuery): string =>
  JSON.stringify([query.indexName ?? '', query.partition.value, query.range?.from ?? '', query.range?.to ?? '', query.filters ?? []]);

const checksum = (payload: string, query: ListQuery): string =>
  createHash('sha256').update(payload).update('\0').update(fingerprint(query)).digest('base64url').slice(0, 16);

/** A key outside the query's sort-key range would make DynamoDB refuse the Query. */
function outsideRange(key: Key, query: ListQuery): boolean {
  if (!query.range) return false;
  const position = key[query.range.name];
  return position === undefined || position < query.range.from || position > query.range.to;
}

export function encodeCursor(key: Key | undefined, query: ListQuery): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${checksum(payload, query)}`;
}

export function decodeCursor(cursor: string | undefined, query: ListQuery): Key | undefined {
  if (cursor === undefined) return undefined;
  const [payload, sum, ...rest] = cursor.split('.');
  if (!payload || !sum || rest.length > 0 || checksum(payload, query) !== sum) throw invalidCursor();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const expected = [...query.keyAttributes].sort();
  if (
    typeof key !== 'object' || key === null || Array.isArray(key) ||
    JSON.stringify(Object.keys(key).sort()) !== JSON.stringify(expected) ||
    !Object.values(key).every((value) => typeof value === 'string') ||
    (key as Key)[query.partition.name] !== query.partition.value ||
    !Object.entries(query.keyShape).every(([name, shape]) => shape.test((key as Key)[name]!)) ||
    outsideRange(key as Key, query)
  ) {
    throw invalidCursor();
  }
  return key as Key;
}

/**
 * A cursor that is a position inside a list read in chunks (a reconciliation's omitted persons:
 * chunk and offset), bound to its list by `scope` as a key cursor is bound to its query, and
 * checked by `valid` before use.
 */
const positionSum = (payload: string, scope: string): string =>
  createHash('sha256').update(payload).update('\0').update(scope).digest('base64url').slice(0, 16);

export function encodePosition(position: Readonly<Record<string, number>>, scope: string): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${positionSum(payload, scope)}`;
}

export function decodePosition<T>(cursor: string | undefined, scope: string, valid: (position: unknown) => position is T): T | undefined {
  if (cursor === undefined) return undefined;
  const [payload, sum, ...rest] = cursor.split('.');
  if (!payload || !sum || rest.length > 0 || positionSum(payload, scope) !== sum) throw invalidCursor();
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!valid(position)) throw invalidCursor();
  return position;
}

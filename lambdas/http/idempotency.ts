/**
 * `Idempotency-Key` on POST: the first 2xx answer is stored in the same transaction as the record
 * it created, and a retry with the same key and body gets that answer again. Keys are scoped to
 * the route; the same key with another body is 409.
 */
import { createHash } from 'node:crypto';
import { conflict, validationFailed } from './api-error';
import type { Reply } from './event';
import { getIdempotencyRecord, type IdempotentWrite, type StoredResponse } from '../store/records';
import { IdempotencyKeyTaken } from '../service/record-writes';
import { withRetries } from '../service/retry';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Same JSON means same document: key order and whitespace do not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function idempotencyKeyOf(headers: Readonly<Record<string, string>>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 128) {
    throw validationFailed([{ path: 'header.Idempotency-Key', message: 'Must be 1 to 128 characters' }]);
  }
  return key;
}

const replay = (stored: StoredResponse): Reply => ({
  status: stored.status,
  rawBody: stored.body,
  headers: { ...stored.headers, 'idempotent-replayed': 'true' },
});

/**
 * Runs `create` once per key. `create` receives what to store beside its record and answers the
 * reply; if a concurrent request with the same key commits first, this one replays that answer.
 */
export async function idempotent(
  scope: string,
  key: string,
  body: unknown,
  create: (store: (reply: Reply) => IdempotentWrite) => Promise<Reply>,
): Promise<Reply> {
  const bodyHash = createHash('sha256').update(canonicalJson(body)).digest('base64url');
  const remember = (reply: Reply): IdempotentWrite => ({
    scope,
    key,
    bodyHash,
    ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
    response: { status: reply.status, headers: { ...reply.headers }, body: reply.rawBody ?? JSON.stringify(reply.body) },
  });
  return withRetries(async () => {
    const stored = await getIdempotencyRecord(scope, key, Math.floor(Date.now() / 1000));
    if (stored) {
      if (stored.bodyHash !== bodyHash) throw conflict('This Idempotency-Key was used with another body');
      return replay(stored.response);
    }
    try {
      return await create(remember);
    } catch (error) {
      if (error instanceof IdempotencyKeyTaken) return 'retry';
      throw error;
    }
  });
}

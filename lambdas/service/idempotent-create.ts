/**
 * `Idempotency-Key` on POST: the first answer is stored in the same transaction as the record it
 * created, and a retry with the same key and body gets that answer again. Keys are scoped to the
 * route and to the caller (as payment APIs do): another caller's same key is another key. The same
 * key with another body is a conflict. Deleting the record deletes the stored answer with it.
 */
import { createHash } from 'node:crypto';
import { ConflictError, RETRY_AFTER_SECONDS, UnavailableError } from '../domain/errors';
import { getIdempotencyRecord, type IdempotencyRecord, type IdempotentWrite, type StoredResponse } from '../store/records';
import { IdempotencyKeyTaken } from './record-writes';

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

export interface IdempotentOutcome {
  readonly response: StoredResponse;
  /** True when this is the answer of an earlier request with the same key. */
  readonly replayed: boolean;
}

/**
 * Runs `create` once per key. `create` receives what to store beside its record. It has no retry
 * loop of its own (createFor retries lost races): when a concurrent request with the same key
 * commits first, its answer is read once and replayed.
 */
export async function createOnce(
  scope: string,
  caller: string,
  key: string,
  body: unknown,
  create: (remember: (response: StoredResponse) => IdempotentWrite) => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  const bodyHash = createHash('sha256').update(canonicalJson(body)).digest('base64url');
  const lookUp = () => getIdempotencyRecord(scope, caller, key, Math.floor(Date.now() / 1000));
  const replay = (stored: IdempotencyRecord): IdempotentOutcome => {
    if (stored.bodyHash !== bodyHash) throw new ConflictError('This Idempotency-Key was used with another body');
    return { response: stored.response, replayed: true };
  };

  const earlier = await lookUp();
  if (earlier) return replay(earlier);
  try {
    const response = await create((answer) => ({ scope, caller, key, bodyHash, ttlSeconds: IDEMPOTENCY_TTL_SECONDS, response: answer }));
    return { response, replayed: false };
  } catch (error) {
    if (!(error instanceof IdempotencyKeyTaken)) throw error;
  }
  const winner = await lookUp();
  if (winner) return replay(winner);
  // The winner's record expired between its commit and this read: only a clock jump does that.
  throw new UnavailableError(RETRY_AFTER_SECONDS);
}

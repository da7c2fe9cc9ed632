/** The `Idempotency-Key` header and the HTTP side of an idempotent POST (service/idempotent-create.ts). */
import { validationFailed } from './api-error';
import type { Reply } from './event';
import { createOnce } from '../service/idempotent-create';
import type { IdempotentWrite, StoredResponse } from '../store/records';

export function idempotencyKeyOf(headers: Readonly<Record<string, string>>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 128) {
    throw validationFailed([{ path: 'header.Idempotency-Key', message: 'Must be 1 to 128 characters' }]);
  }
  return key;
}

const stored = (reply: Reply): StoredResponse => ({
  status: reply.status,
  headers: { ...reply.headers },
  body: reply.rawBody ?? JSON.stringify(reply.body),
});

/** Answers `create`'s reply, or the stored reply of an earlier request with the same key, marked as replayed. */
export async function idempotent(
  scope: string,
  caller: string,
  key: string,
  body: unknown,
  create: (remember: (reply: Reply) => IdempotentWrite) => Promise<Reply>,
): Promise<Reply> {
  let fresh: Reply | undefined;
  const outcome = await createOnce(scope, caller, key, body, async (remember) => {
    fresh = await create((reply) => remember(stored(reply)));
    return stored(fresh);
  });
  if (!outcome.replayed) return fresh!;
  const { status, headers, body: rawBody } = outcome.response;
  return { status, rawBody, headers: { ...headers, 'idempotent-replayed': 'true' } };
}

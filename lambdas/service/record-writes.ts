/**
 * Create, change and delete for any resource: validate with the domain, write through the store
 * conditionally on the version read, retry when another writer won, and say why when a write
 * cannot happen. Nothing here knows HTTP: it raises the domain's errors (domain/errors.ts).
 */
import { newId } from '../domain/ids';
import { applyPatch, withoutServerFields } from '../domain/patch';
import { issuesToDetails } from '../domain/issues';
import type { ServerFields } from '../domain/fields';
import { ConflictError, InvalidInputError, InvalidReferenceError, NotFoundError, StaleVersionError } from '../domain/errors';
import { createRecord, deleteRecord, getRecord, updateRecord, type Actor, type IdempotentWrite, type Stored, type WriteOutcome } from '../store/records';
import type { RecordResource } from '../resources/resource';
import { withRetries } from './retry';

export type StoredRecord<TInput> = TInput & ServerFields;
type VersionTest = (version: number) => boolean;

export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('The idempotency key was taken by a concurrent request');
  }
}

async function readStored<TInput extends object>(resource: RecordResource<TInput>, id: string): Promise<Stored<StoredRecord<TInput>>> {
  const stored = await getRecord<StoredRecord<TInput>>(resource.entity, id);
  if (!stored) throw new NotFoundError(resource.label);
  return stored;
}

export async function readRecord<TInput extends object>(resource: RecordResource<TInput>, id: string): Promise<StoredRecord<TInput>> {
  return (await readStored(resource, id)).record;
}

/**
 * Maps a refused write to its answer, or `retry` when a concurrent writer won the race. The store
 * checked each rule in the write's own transaction: a named record that must exist (and be
 * `completed`, for a person's round), a value only one record may hold (a stage of an agreement).
 */
function refusal(outcome: Exclude<WriteOutcome, { ok: true }>): 'retry' {
  if (outcome.reason === 'reference') {
    throw new InvalidReferenceError(`${outcome.field} must name an existing ${outcome.target}`, [
      { path: outcome.field, message: `No ${outcome.target} has this id` },
    ]);
  }
  if (outcome.reason === 'unique') throw new ConflictError(outcome.message, [{ path: outcome.field, message: outcome.message }]);
  if (outcome.reason === 'idempotency') throw new IdempotencyKeyTaken();
  return 'retry';
}

export async function createFor<TInput extends object>(
  resource: RecordResource<TInput>,
  input: TInput,
  actor: Actor,
  idempotency?: (record: StoredRecord<TInput>) => IdempotentWrite,
): Promise<StoredRecord<TInput>> {
  return withRetries(async () => {
    const now = new Date().toISOString();
    const record = { ...resource.normalize(input), id: newId(), version: 1, createdAt: now, updatedAt: now } as StoredRecord<TInput>;
    const outcome = await createRecord(resource.layout, record, { actor }, idempotency?.(record));
    return outcome.ok ? record : refusal(outcome);
  });
}

/** Refuses early what the store would refuse anyway while other records name this one. */
function referenceGuard<TInput extends object>(
  resource: RecordResource<TInput>,
  stored: Stored<StoredRecord<TInput>>,
  after: StoredRecord<TInput> | null,
): boolean {
  const reason = resource.needsNoReferences?.(stored.record, after);
  if (reason && stored.referenceCount > 0) throw new ConflictError(reason);
  return reason !== undefined;
}

export async function updateFor<TInput extends object>(
  resource: RecordResource<TInput>,
  id: string,
  patch: Record<string, unknown>,
  actor: Actor,
  ifMatch?: VersionTest,
): Promise<StoredRecord<TInput>> {
  return withRetries(async () => {
    const stored = await readStored(resource, id);
    const before = stored.record;
    if (ifMatch && !ifMatch(before.version)) throw new StaleVersionError();
    const merged = resource.input.safeParse(applyPatch(withoutServerFields(before), patch));
    if (!merged.success) {
      throw new InvalidInputError(`The ${resource.label.toLowerCase()} would not be valid after this change`, issuesToDetails(merged.error.issues));
    }
    const after = {
      ...resource.normalize(merged.data),
      id,
      version: before.version + 1,
      createdAt: before.createdAt,
      updatedAt: new Date().toISOString(),
    } as StoredRecord<TInput>;
    const requireUnreferenced = referenceGuard(resource, stored, after);
    const outcome = await updateRecord(resource.layout, before, after, { actor, requireUnreferenced });
    // On a lost race the next attempt reads again: 404 if the record went, 412 if If-Match is now
    // stale, 409 if it became referenced.
    return outcome.ok ? after : refusal(outcome);
  });
}

export async function deleteFor<TInput extends object>(
  resource: RecordResource<TInput>,
  id: string,
  actor: Actor,
  ifMatch?: VersionTest,
): Promise<void> {
  await withRetries(async () => {
    const stored = await readStored(resource, id);
    if (ifMatch && !ifMatch(stored.record.version)) throw new StaleVersionError();
    const requireUnreferenced = referenceGuard(resource, stored, null);
    const outcome = await deleteRecord(resource.layout, stored.record, new Date().toISOString(), {
      actor,
      requireUnreferenced,
      storedAnswer: stored.storedAnswer,
    });
    return outcome.ok ? true : refusal(outcome);
  });
}

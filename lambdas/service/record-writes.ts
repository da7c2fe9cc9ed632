/**
 * Create, change and delete for any resource: validate with the domain, write through the store
 * conditionally on the version read, retry when another writer won, and say why when a write
 * cannot happen. Nothing here knows HTTP beyond the errors it raises.
 */
import { newId } from '../domain/ids';
import { applyPatch, withoutServerFields } from '../domain/patch';
import { issuesToDetails } from '../domain/issues';
import type { ServerFields } from '../domain/fields';
import { notFound, preconditionFailed, validationFailed } from '../http/api-error';
import { createRecord, deleteRecord, getRecord, updateRecord, type Actor, type IdempotentWrite } from '../store/records';
import type { ResourceDefinition } from '../resources/resource';
import { withRetries } from './retry';

export type StoredRecord<TInput> = TInput & ServerFields;
type VersionTest = (version: number) => boolean;

export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('The idempotency key was taken by a concurrent request');
  }
}

export async function readRecord<TInput extends object>(
  resource: ResourceDefinition<TInput, object>,
  id: string,
): Promise<StoredRecord<TInput>> {
  const record = await getRecord<StoredRecord<TInput>>(resource.entity, id);
  if (!record) throw notFound(resource.label);
  return record;
}

export async function createFor<TInput extends object>(
  resource: ResourceDefinition<TInput, object>,
  input: TInput,
  actor: Actor,
  idempotency?: (record: StoredRecord<TInput>) => IdempotentWrite,
): Promise<StoredRecord<TInput>> {
  return withRetries(async () => {
    const now = new Date().toISOString();
    const record = { ...resource.normalize(input), id: newId(), version: 1, createdAt: now, updatedAt: now } as StoredRecord<TInput>;
    const outcome = await createRecord(
      { entity: resource.entity, actor, indexAttributes: resource.indexAttributes(record) },
      record,
      idempotency?.(record),
    );
    if (outcome.ok) return record;
    if (outcome.reason === 'idempotency') throw new IdempotencyKeyTaken();
    return 'retry';
  });
}

export async function updateFor<TInput extends object>(
  resource: ResourceDefinition<TInput, object>,
  id: string,
  patch: Record<string, unknown>,
  actor: Actor,
  ifMatch?: VersionTest,
): Promise<StoredRecord<TInput>> {
  return withRetries(async () => {
    const before = await readRecord(resource, id);
    if (ifMatch && !ifMatch(before.version)) throw preconditionFailed();
    const merged = resource.input.safeParse(applyPatch(withoutServerFields(before), patch));
    if (!merged.success) throw validationFailed(issuesToDetails(merged.error.issues), `The ${resource.label.toLowerCase()} would not be valid after this change`);
    const after = {
      ...resource.normalize(merged.data),
      id,
      version: before.version + 1,
      createdAt: before.createdAt,
      updatedAt: new Date().toISOString(),
    } as StoredRecord<TInput>;
    const outcome = await updateRecord({ entity: resource.entity, actor, indexAttributes: resource.indexAttributes(after) }, before, after);
    // On a lost race the next attempt reads again: 404 if the record went, 412 if If-Match is now stale.
    return outcome.ok ? after : 'retry';
  });
}

export async function deleteFor<TInput extends object>(
  resource: ResourceDefinition<TInput, object>,
  id: string,
  actor: Actor,
  ifMatch?: VersionTest,
): Promise<void> {
  await withRetries(async () => {
    const before = await readRecord(resource, id);
    if (ifMatch && !ifMatch(before.version)) throw preconditionFailed();
    const outcome = await deleteRecord({ entity: resource.entity, actor }, before, new Date().toISOString());
    return outcome.ok ? true : 'retry';
  });
}

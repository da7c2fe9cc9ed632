/**
 * Running a reconciliation: read the persons of the list's side once, match every entry in memory,
 * store the report (entries and omitted persons in batches, then the report item with its audit
 * record, and the stored answer of an idempotent POST, in one transaction), and delete one. A
 * reconciliation changes no person: it is a report.
 */
import { newId } from '../domain/ids';
import { NotFoundError, RETRY_AFTER_SECONDS, StaleVersionError, UnavailableError } from '../domain/errors';
import { PersonIndex } from '../domain/matching';
import { omittedFrom, summaryOf, type EntryReport, type ReconciliationInput, type Summary } from '../domain/reconciliation';
import { createRecord, deleteRecord, getRecord, type Actor, type IdempotentWrite } from '../store/records';
import { deleteReportItems, personsOfSide, putReportItems } from '../store/reconciliations';
import { reconciliationLayout } from '../store/keys';
import { IdempotencyKeyTaken } from './record-writes';
import { withRetries } from './retry';
import { describeError, logger } from '../observability/logger';

export type Reconciliation = Omit<ReconciliationInput, 'entries'> & {
  id: string;
  summary: Summary;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export interface RunFigures {
  readonly personsRead: number;
  readonly matchMs: number;
}

export async function reconcile(
  input: ReconciliationInput,
  actor: Actor,
  idempotency?: (record: Reconciliation) => IdempotentWrite,
): Promise<{ record: Reconciliation; figures: RunFigures }> {
  const { persons } = await personsOfSide(input.listOf);
  const started = performance.now();
  const index = new PersonIndex(persons);
  const entries: EntryReport[] = input.entries.map((entry, i) => ({ index: i, ...entry, ...index.match(entry) }));
  const omitted = omittedFrom(persons, entries);
  const statusOf = new Map(persons.map((person) => [person.id, person.status]));
  const matchMs = performance.now() - started;

  const now = new Date().toISOString();
  const { entries: _entries, ...about } = input;
  const record: Reconciliation = { ...about, id: newId(), summary: summaryOf(entries, omitted, (id) => statusOf.get(id)), version: 1, createdAt: now, updatedAt: now };
  let stored = false;
  /** The transaction failed without an answer (every attempt timed out, say): it may have committed. */
  let unsure = false;
  try {
    // Inside the try: batches written before one that DynamoDB kept refusing are removed too.
    await putReportItems(record.id, entries, omitted);
    const outcome = await createRecord(reconciliationLayout, record, { actor }, idempotency?.(record)).catch((error: unknown) => {
      unsure = true;
      throw error;
    });
    // A fresh id is never taken and a report names no record: what can refuse it is a concurrent
    // request with the same Idempotency-Key, whose answer the caller then gets (service/idempotent-create.ts).
    if (!outcome.ok) throw idempotency ? new IdempotencyKeyTaken() : new UnavailableError(RETRY_AFTER_SECONDS, 'The report could not be stored');
    stored = true;
  } finally {
    // Nothing points at the entries of a report that was not stored: remove them. Never those of a
    // report that did get stored after all (only a consistent read of its item tells).
    if (!stored) {
      const cleanUp = async () => {
        if (unsure && (await getRecord('reconciliations', record.id))) return;
        await deleteReportItems(record.id);
      };
      // The answer is the write's own failure either way; a failed clean-up leaves entries (names
      // from the list) that nothing points at, which the report's id lets an operator remove.
      await cleanUp().catch((error: unknown) =>
        logger.error('reconciliation clean-up failed: entries left without a report', { reconciliationId: record.id, ...describeError(error) }),
      );
    }
  }
  return { record, figures: { personsRead: persons.length, matchMs } };
}

export async function readReconciliation(id: string): Promise<Reconciliation> {
  const stored = await getRecord<Reconciliation>('reconciliations', id);
  if (!stored) throw new NotFoundError('Reconciliation');
  return stored.record;
}

/** The report item first (with its audit record): once it is gone, its entries are unreachable, then removed. */
export async function deleteReconciliation(id: string, actor: Actor, ifMatch?: (version: number) => boolean): Promise<void> {
  await withRetries(async () => {
    const stored = await getRecord<Reconciliation>('reconciliations', id);
    if (!stored) {
      // A delete whose sweep failed after the report went (503, retried): its entries are swept now.
      await deleteReportItems(id);
      throw new NotFoundError('Reconciliation');
    }
    if (ifMatch && !ifMatch(stored.record.version)) throw new StaleVersionError();
    const outcome = await deleteRecord(reconciliationLayout, stored.record, new Date().toISOString(), { actor, storedAnswer: stored.storedAnswer });
    return outcome.ok ? true : 'retry';
  });
  await deleteReportItems(id);
}

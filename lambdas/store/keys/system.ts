/** Records the API keeps about its own work: idempotency records and the audit trail. */
import { PARTITION_KEY, SORT_KEY } from '../table-definition';
import { tableQuery, type EntityName, type Key, type ListQuery } from './query';

// Idempotency records: one item per (route, caller, key), removed by TTL after 24 h, or with the
// record they created. The caller is part of the key, so one caller's key never replays another's
// answer; it is URI-encoded, so no subject can end where a key begins.
export function idempotencyKey(scope: string, caller: string, key: string): Key {
  return { [PARTITION_KEY]: `IDEMPOTENCY#${scope}#${encodeURIComponent(caller)}#${key}`, [SORT_KEY]: 'IDEMPOTENCY' };
}

/** The idempotency record whose partition key a created record keeps (layout.ts STORED_ANSWER). */
export const storedAnswerKey = (partition: string): Key => ({ [PARTITION_KEY]: partition, [SORT_KEY]: 'IDEMPOTENCY' });

// Audit records: one partition per audited record, read newest first. The sort key is the
// record's version after the change (a delete counts as one more): writes to a record are
// serialised by their version condition, so this orders them even within one millisecond or
// across Lambda instances whose clocks differ.
export function auditKey(entity: EntityName, id: string, sequence: number): Key {
  return { [PARTITION_KEY]: `AUDIT#${entity}#${id}`, [SORT_KEY]: `V#${String(sequence).padStart(10, '0')}` };
}

export function auditQuery(entity: EntityName, id: string): ListQuery {
  return tableQuery(`AUDIT#${entity}#${id}`, 'V#\\d{10}');
}


/**
 * The warm-overhead section's table: 30 records of each kind laid out as the store writes them,
 * their statistics and an audit trail, answered to GetItem and Query inputs in the document
 * client's plain-JavaScript form. Lists get a full page (the store asks for 25 + 1); Query honours
 * Limit and reports a LastEvaluatedKey as DynamoDB does. Writes succeed.
 *
 * Agreements: the first (`cannedIds.agreements`) is named by 100 rounds (stages 1–100) and 4
 * repatriations, the others by 3 rounds and 1 repatriation each, as the agreements of
 * data/agreements-2025.json are; 5 negotiation events name the first. The partition of each
 * agreement's links (keyed as lambdas/store/keys says) holds what the store keeps there: a whole
 * copy of each round, repatriation and event that names it, and the rounds' stage claims. A Query of a table partition
 * honours its sort-key range (`BETWEEN :from AND :to`), its order and its ProjectionExpression, as
 * DynamoDB does; what it answers is worked out once per distinct query, outside the timed calls.
 * A list Query resumes after its ExclusiveStartKey, so that what reads a whole collection (the CSV
 * exports, 100 a page) reads it page by page to its end; the rounds' list holds the linked rounds
 * too (217 in all), the repatriations' the linked ones (63).
 *
 * Reconciliations (reconciliation-list.ts): REGISTRY_PERSONS persons with the registry's names in
 * the names index (GSI7, keyed like the stats index: 32 segments by a hash of the id), each Query
 * answered with its segment's persons of the filtered side and the index's projection; 30 report
 * items, the first (`cannedIds.reconciliations`) with what the service stores beside it for the
 * list of the POST matched against those persons (its 40 entries, its omitted held persons in
 * chunks). BatchWriteItem answers no UnprocessedItems. Nothing is ever removed, so a DELETE finds
 * its report every time, as the other deletes find their records.
 */
import { agreementRecords, itemsOf, linkedRoundRecords, negotiationRecords, personRecords, repatriationRecords, roundRecords, serverFields } from './data';
import { REGISTRY_PERSONS, reconciliationBody, withRegistryNames } from './reconciliation-list';
import {
  agreementLayout,
  auditKey,
  entryItemKeys,
  keyOf,
  negotiationLayout,
  OMITTED_PER_CHUNK,
  omittedChunkKey,
  personLayout,
  progressSourceQuery,
  reconciliationLayout,
  repatriationLayout,
  roundLayout,
  statsKey,
} from '../../lambdas/store/keys';
import { globalIndexes, NAMES_INDEX, PARTITION_KEY, SORT_KEY } from '../../lambdas/store/table-definition';
import { StatsTally } from '../../lambdas/domain/stats';
import { PersonIndex, type CandidatePerson } from '../../lambdas/domain/matching';
import { omittedFrom, summaryOf, type EntryReport } from '../../lambdas/domain/reconciliation';

export type Item = Record<string, unknown>;
export type Operation = 'GetItem' | 'Query' | 'PutItem' | 'TransactWriteItems' | 'BatchWriteItem';

export interface ReadInput {
  readonly Key?: Item;
  readonly ExpressionAttributeValues?: Item;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly KeyConditionExpression?: string;
  readonly FilterExpression?: string;
  readonly ProjectionExpression?: string;
  readonly ScanIndexForward?: boolean;
  readonly Limit?: number;
  readonly IndexName?: string;
  readonly ExclusiveStartKey?: Item;
}

/** What DynamoDB answers a BatchWriteItem that wrote every item. */
export const BATCH_WRITE_ANSWER: Item = { UnprocessedItems: {} };

/** The agreement that `GET /agreements/{id}` reads: named by this many rounds and repatriations. */
export const LINKED_ROUNDS = 100;
export const LINKED_REPATRIATIONS = 4;
const OTHER_AGREEMENTS_ROUNDS = 3;
const LINKED_NEGOTIATIONS = 5;

const rounds = roundRecords(30).map((round) => ({ ...round, status: 'completed' }));
const repatriations = repatriationRecords(30);
const persons = personRecords(0, 30, rounds.map((round) => round.id));
const agreements = agreementRecords(30, { firstCommitment: 30_000 });
const agreement = agreements[0]!;
/** What names each agreement: many for the first, a few for the others. */
const linkedRounds = agreements.flatMap((a, k) => linkedRoundRecords(a.id, k === 0 ? LINKED_ROUNDS : OTHER_AGREEMENTS_ROUNDS, 100 + k));
const linkedRepatriations = agreements.flatMap((a, k) =>
  repatriationRecords(k === 0 ? LINKED_REPATRIATIONS : 1, 200 + k).map((r) => ({ ...r, agreementId: a.id })),
);
const negotiations = negotiationRecords(30, [agreement.id], LINKED_NEGOTIATIONS);

const first = (items: Item[]) => items[0]!;
const roundItems = rounds.map((r) => first(itemsOf(roundLayout, r)));
const repatriationItems = repatriations.map((r) => first(itemsOf(repatriationLayout, r)));
const personItems = persons.map((p) => first(itemsOf(personLayout, p)));
const agreementItems = agreements.map((a) => first(itemsOf(agreementLayout, a)));
const negotiationItems = negotiations.map((n) => first(itemsOf(negotiationLayout, n)));

/**
 * The table's own partitions that a Query reads (an agreement's links: copies of what names it, the
 * stage claims), as the store's layouts key them; sorted by sort key, as DynamoDB keeps them.
 */
const partitions = new Map<string, Item[]>();
const rest = (items: Item[]) => items.slice(1);
for (const item of [
  ...linkedRounds.flatMap((r) => rest(itemsOf(roundLayout, r))),
  ...linkedRepatriations.flatMap((r) => rest(itemsOf(repatriationLayout, r))),
  ...negotiations.flatMap((n) => rest(itemsOf(negotiationLayout, n))),
]) {
  const partition = String(item[PARTITION_KEY]);
  if (!partitions.has(partition)) partitions.set(partition, []);
  partitions.get(partition)!.push(item);
}
for (const items of partitions.values()) items.sort((a, b) => (String(a[SORT_KEY]) < String(b[SORT_KEY]) ? -1 : 1));

const tally = new StatsTally();
rounds.forEach((round) => tally.addRound(round));
linkedRounds.forEach((round) => tally.addRound(round));
repatriations.forEach((repatriation) => tally.addRepatriation(repatriation));
linkedRepatriations.forEach((repatriation) => tally.addRepatriation(repatriation));
persons.forEach((person) => tally.addPerson(person));
const newestNegotiation = negotiations.map((n) => n.date).sort().pop() ?? null;
const stats = tally.result(new Date().toISOString(), agreements, newestNegotiation);
const round = rounds[0]!;
const auditItems: Item[] = Array.from({ length: 30 }, (_, i) => ({
  ...auditKey('rounds', round.id, i + 1),
  entity: 'rounds',
  entityId: round.id,
  action: i === 0 ? 'create' : 'update',
  actor: 'bench-editor',
  at: round.updatedAt,
  before: i === 0 ? null : round,
  after: round,
}));
// ---- reconciliations ----

/** The persons a reconciliation reads (from the names index only: the other routes see the 30 persons above). */
const registryPersons = withRegistryNames(personRecords(0, REGISTRY_PERSONS, rounds.map((r) => r.id), 9));
const namesProjection = [PARTITION_KEY, SORT_KEY, 'GSI6PK', 'GSI6SK', ...(globalIndexes.find((index) => index.name === NAMES_INDEX)!.include ?? [])];
const namesItems = registryPersons.map((p) => {
  const item = first(itemsOf(personLayout, p));
  return Object.fromEntries(namesProjection.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]));
});
/** A names-index segment (GSI6PK), all or of one side, in index order (GSI6SK). */
const namesSegments = new Map<string, Item[]>();
for (const item of [...namesItems].sort((a, b) => (String(a.GSI6SK) < String(b.GSI6SK) ? -1 : 1))) {
  for (const key of [String(item.GSI6PK), `${String(item.GSI6PK)}|${String(item.side)}`]) {
    if (!namesSegments.has(key)) namesSegments.set(key, []);
    namesSegments.get(key)!.push(item);
  }
}

/** The report of the POST's list against those persons, as lambdas/service/reconcile.ts makes and stores it. */
const list = reconciliationBody();
const candidates: CandidatePerson[] = registryPersons
  .filter((p) => p.side === list.listOf)
  .map((p) => ({
    id: p.id,
    fullName: p.fullName,
    status: p.status,
    kind: p.kind as CandidatePerson['kind'],
    ...('dateOfBirth' in p && typeof p.dateOfBirth === 'string' ? { dateOfBirth: p.dateOfBirth } : {}),
    ...('serviceNumber' in p && typeof p.serviceNumber === 'string' ? { serviceNumber: p.serviceNumber } : {}),
  }));
const personIndex = new PersonIndex(candidates);
const entries: EntryReport[] = list.entries.map((entry, i) => ({ index: i, ...entry, ...personIndex.match(entry) }) as EntryReport);
const omitted = omittedFrom(candidates, entries).sort((a, b) => (a.personId < b.personId ? -1 : 1));
const statusOf = new Map(candidates.map((p) => [p.id, p.status]));
const { entries: _listed, ...about } = list;
const summary = summaryOf(entries, omitted, (id) => statusOf.get(id));
const reconciliations = Array.from({ length: 30 }, (_, i) => ({ ...about, summary, ...serverFields(8_000_000 + i) }));
const reconciliation = reconciliations[0]!;
const reconciliationItems = reconciliations.map((r) => first(itemsOf(reconciliationLayout, r)));
const entryItems: Item[] = entries.map((entry) => ({ ...entryItemKeys(reconciliation.id, entry.index, entry.outcome), ...entry }));
const chunkItems: Item[] = [];
for (let i = 0; i < omitted.length; i += OMITTED_PER_CHUNK) {
  chunkItems.push({ ...omittedChunkKey(reconciliation.id, i / OMITTED_PER_CHUNK), persons: omitted.slice(i, i + OMITTED_PER_CHUNK) });
}
for (const item of [...entryItems, ...chunkItems]) {
  const partition = String(item[PARTITION_KEY]);
  if (!partitions.has(partition)) partitions.set(partition, []);
  partitions.get(partition)!.push(item);
}
/** The entries of one outcome (GSI1 `RECONCILIATION#<id>#<OUTCOME>`, `?outcome=`), in list order. */
const entriesByOutcome = new Map<string, Item[]>();
for (const item of entryItems) {
  const partition = String(item.GSI1PK);
  if (!entriesByOutcome.has(partition)) entriesByOutcome.set(partition, []);
  entriesByOutcome.get(partition)!.push(item);
}

/** What the reconciliation routes read and answer: for the section's details. */
export const cannedReconciliation = {
  persons: registryPersons.length,
  personsOfSide: candidates.length,
  side: list.listOf,
  entries: entries.length,
  summary,
  chunks: chunkItems.length,
};

// ---- the collections' lists ----

const linkedRoundItems = linkedRounds.map((r) => first(itemsOf(roundLayout, r)));
const linkedRepatriationItems = linkedRepatriations.map((r) => first(itemsOf(repatriationLayout, r)));
/** What each list Query's partition holds: a kind's whole collection (its first page is the 30 records above). */
const collections = {
  rounds: [...roundItems, ...linkedRoundItems],
  repatriations: [...repatriationItems, ...linkedRepatriationItems],
};

const byKey = new Map<string, Item>(
  [...roundItems, ...repatriationItems, ...personItems, ...agreementItems, ...negotiationItems, ...reconciliationItems].map((item) => [String(item[PARTITION_KEY]), item]),
);
// The stats index (GSI6) holds the completed rounds and every repatriation, those that name an agreement too.
const statsRounds = [...roundItems.slice(0, 5), ...linkedRounds.filter((r) => r.status === 'completed').slice(0, 5).map((r) => first(itemsOf(roundLayout, r)))];
const statsRepatriations = [...repatriationItems.slice(0, 5), ...linkedRepatriations.slice(0, 2).map((r) => first(itemsOf(repatriationLayout, r)))];

/** The ids the requests of bin/bench/requests.ts ask for. */
export const cannedIds = {
  rounds: round.id,
  repatriations: repatriations[0]!.id,
  persons: persons[0]!.id,
  agreements: agreement.id,
  negotiations: negotiations[0]!.id,
  reconciliations: reconciliation.id,
};

/** Where a Query resumes: after the item of its ExclusiveStartKey (its table keys are unique in a partition). */
function startOf(items: Item[], startKey: Item | undefined): number {
  if (!startKey) return 0;
  const at = items.findIndex((item) => item[PARTITION_KEY] === startKey[PARTITION_KEY] && item[SORT_KEY] === startKey[SORT_KEY]);
  if (at < 0) throw new Error(`the canned table holds no item at the ExclusiveStartKey ${JSON.stringify(startKey)}`);
  return at + 1;
}

function page(items: Item[], input: ReadInput) {
  const from = startOf(items, input.ExclusiveStartKey);
  const rest = items.length - from;
  const limit = input.Limit ?? rest;
  const slice = items.slice(from, from + limit);
  const attributes = [PARTITION_KEY, SORT_KEY, ...(input.IndexName ? [`${input.IndexName}PK`, `${input.IndexName}SK`] : [])];
  return { Items: slice, Count: slice.length, ...(rest > limit ? { LastEvaluatedKey: keyOf(slice[slice.length - 1]!, attributes) } : {}) };
}

/** A ProjectionExpression's attribute names (top-level names and placeholders only: what the store sends). */
function projected(expression: string, names: Record<string, string> = {}): string[] {
  return expression.split(',').map((part) => {
    const name = part.trim();
    return name.startsWith('#') ? (names[name] ?? name) : name;
  });
}

const BETWEEN = /BETWEEN\s+(:\w+)\s+AND\s+(:\w+)/;

/** A Query of one table partition, as DynamoDB answers it: the sort-key range, the order, the projection. */
function tablePartition(partition: string, input: ReadInput): Item[] {
  let items = partitions.get(partition) ?? [];
  const range = input.KeyConditionExpression?.match(BETWEEN);
  if (range) {
    const from = String(input.ExpressionAttributeValues![range[1]!]);
    const to = String(input.ExpressionAttributeValues![range[2]!]);
    items = items.filter((item) => String(item[SORT_KEY]) >= from && String(item[SORT_KEY]) <= to);
  }
  if (input.ScanIndexForward === false) items = [...items].reverse();
  if (input.ProjectionExpression) {
    const attributes = projected(input.ProjectionExpression, input.ExpressionAttributeNames);
    items = items.map((item) => Object.fromEntries(attributes.filter((name) => item[name] !== undefined).map((name) => [name, item[name]])));
  }
  return items;
}

/** Worked out once per distinct query: the calls measure the handler, not this table. */
const partitionAnswers = new Map<string, Item[]>();
function tablePartitionOnce(partition: string, input: ReadInput): Item[] {
  const values = input.ExpressionAttributeValues!;
  const key = `${partition}|${String(values[':from'] ?? '')}|${String(values[':to'] ?? '')}|${input.ScanIndexForward !== false}|${input.ProjectionExpression ?? ''}`;
  let items = partitionAnswers.get(key);
  if (!items) partitionAnswers.set(key, (items = tablePartition(partition, input)));
  return items;
}

export function cannedAnswer(operation: Operation, input: ReadInput): Item {
  switch (operation) {
    case 'GetItem': {
      const pk = input.Key!.PK as string;
      if (pk === statsKey.PK) return { Item: { ...statsKey, generatedAt: stats.generatedAt, stats: JSON.stringify(stats) } };
      const item = byKey.get(pk);
      return item ? { Item: item } : {};
    }
    case 'Query': {
      const partition = String(input.ExpressionAttributeValues![':pk'] ?? '');
      // A partition of the table itself: an agreement's links (its progress, its linked lists).
      if (!input.IndexName && partitions.has(partition)) return page(tablePartitionOnce(partition, input), input);
      // The names index: a segment's persons, of the side of the filter (`#f = :f`) when there is one.
      if (input.IndexName === NAMES_INDEX) {
        const side = input.FilterExpression ? input.ExpressionAttributeValues![':f'] : undefined;
        return page(namesSegments.get(side === undefined ? partition : `${partition}|${String(side)}`) ?? [], input);
      }
      if (input.IndexName === 'GSI1' && entriesByOutcome.has(partition)) return page(entriesByOutcome.get(partition)!, input);
      // The stats index: a few records per kind, on every one of its segments.
      if (partition.startsWith('STATS#ROUNDS')) return page(statsRounds, {});
      if (partition.startsWith('STATS#REPATRIATIONS')) return page(statsRepatriations, {});
      if (partition.startsWith('STATS#PERSONS')) return page(personItems.slice(0, 5), {});
      if (partition.startsWith('AUDIT#')) return page(auditItems, input);
      if (partition.startsWith('AGREEMENTS')) return page(agreementItems, input);
      if (partition.startsWith('NEGOTIATIONS')) return page(negotiationItems, input);
      if (partition.startsWith('ROUNDS')) return page(collections.rounds, input);
      if (partition.startsWith('REPATRIATIONS')) return page(collections.repatriations, input);
      if (partition === 'RECONCILIATIONS') return page(reconciliationItems, input);
      return page(personItems, input);
    }
    case 'PutItem':
    case 'TransactWriteItems':
      return {};
    case 'BatchWriteItem':
      return BATCH_WRITE_ANSWER;
  }
}

/** What `GET /agreements/{id}` reads and must answer: for the section's details and its check of the answer. */
export function cannedAgreementRead() {
  // The store's own query (lambdas/store/keys): the partition and sort-key range progress reads.
  const source = progressSourceQuery(agreement.id);
  const partition = source.partition.value;
  const inRange = tablePartition(partition, {
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': partition, ':from': source.range!.from, ':to': source.range!.to },
  });
  const own = linkedRounds.filter((r) => r.agreementId === agreement.id);
  const completed = own.filter((r) => r.status === 'completed');
  return {
    id: agreement.id,
    /** The partition with `<id>` for the agreement's id, and the range, as the details print them. */
    partition: partition.replace(agreement.id, '<id>'),
    range: [source.range!.from, source.range!.to] as const,
    rounds: own.length,
    completedRounds: completed.length,
    undisclosedRounds: completed.filter((r) => !r.returnedToUkraine || !r.returnedToRussia).length,
    repatriations: LINKED_REPATRIATIONS,
    negotiations: LINKED_NEGOTIATIONS,
    partitionItems: partitions.get(partition)?.length ?? 0,
    rangeItems: inRange.length,
    /** The whole copies in the range, JSON bytes: about what DynamoDB reads (and counts toward 1 MB) before projecting. */
    rangeBytes: JSON.stringify(inRange).length,
    returnedToUkraine: completed.reduce((sum, r) => sum + (r.returnedToUkraine?.total ?? 0), 0),
  };
}

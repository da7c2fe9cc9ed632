/**
 * The warm-overhead section's table: 30 records of each kind laid out as the store writes them,
 * their statistics and an audit trail, answered to GetItem and Query inputs in the document
 * client's plain-JavaScript form. Lists get a full page (the store asks for 25 + 1); Query honours
 * Limit and reports a LastEvaluatedKey as DynamoDB does. Writes succeed.
 */
import { itemsOf, personRecords, repatriationRecords, roundRecords } from './data';
import { auditKey, keyOf, personLayout, repatriationLayout, roundLayout, statsKey } from '../../lambdas/store/keys';
import { StatsTally } from '../../lambdas/domain/stats';

export type Item = Record<string, unknown>;
export type Operation = 'GetItem' | 'Query' | 'PutItem' | 'TransactWriteItems';

export interface ReadInput {
  readonly Key?: Item;
  readonly ExpressionAttributeValues?: Item;
  readonly Limit?: number;
  readonly IndexName?: string;
}

const rounds = roundRecords(30).map((round) => ({ ...round, status: 'completed' }));
const repatriations = repatriationRecords(30);
const persons = personRecords(0, 30, rounds.map((round) => round.id));
const roundItems = rounds.map((r) => itemsOf(roundLayout, r)[0]!);
const repatriationItems = repatriations.map((r) => itemsOf(repatriationLayout, r)[0]!);
const personItems = persons.map((p) => itemsOf(personLayout, p)[0]!);
const tally = new StatsTally();
rounds.forEach((round) => tally.addRound(round));
repatriations.forEach((repatriation) => tally.addRepatriation(repatriation));
persons.forEach((person) => tally.addPerson(person));
const stats = tally.result(new Date().toISOString());
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
const byKey = new Map<string, Item>([...roundItems, ...repatriationItems, ...personItems].map((item) => [String(item.PK), item]));

/** The ids the requests of bin/bench/requests.ts ask for. */
export const cannedIds = { rounds: round.id, repatriations: repatriations[0]!.id, persons: persons[0]!.id };

function page(items: Item[], input: ReadInput) {
  const limit = input.Limit ?? items.length;
  const slice = items.slice(0, limit);
  const attributes = ['PK', 'SK', ...(input.IndexName ? [`${input.IndexName}PK`, `${input.IndexName}SK`] : [])];
  return { Items: slice, Count: slice.length, ...(items.length > limit ? { LastEvaluatedKey: keyOf(slice[slice.length - 1]!, attributes) } : {}) };
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
      // The stats index: a few records per kind, on every one of its segments.
      if (partition.startsWith('STATS#ROUNDS')) return page(roundItems.slice(0, 5), {});
      if (partition.startsWith('STATS#REPATRIATIONS')) return page(repatriationItems.slice(0, 5), {});
      if (partition.startsWith('STATS#PERSONS')) return page(personItems.slice(0, 5), {});
      if (partition.startsWith('AUDIT#')) return page(auditItems, input);
      if (partition.startsWith('ROUNDS')) return page(roundItems, input);
      if (partition.startsWith('REPATRIATIONS')) return page(repatriationItems, input);
      return page(personItems, input);
    }
    case 'PutItem':
    case 'TransactWriteItems':
      return {};
  }
}

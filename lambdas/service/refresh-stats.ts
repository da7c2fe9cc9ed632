/** The refresh: tally the three stats partitions (in parallel), then store the result whole. */
import { StatsTally, type CountedPerson, type CountedRepatriation, type CountedRound, type Stats } from '../domain/stats';
import { forEachCounted, getStats, putStats, type ReadCost } from '../store/stats';

export interface Refresh {
  readonly stats: Stats;
  readonly read: ReadCost;
  /** False when a refresh that started later stored its result first; `stats` is then that newer result. */
  readonly stored: boolean;
}

export async function refreshStats(now = () => new Date()): Promise<Refresh> {
  const generatedAt = now().toISOString();
  const tally = new StatsTally();
  const costs = await Promise.all([
    forEachCounted<CountedRound>('rounds', (round) => tally.addRound(round)),
    forEachCounted<CountedRepatriation>('repatriations', (repatriation) => tally.addRepatriation(repatriation)),
    forEachCounted<CountedPerson>('persons', (person) => tally.addPerson(person)),
  ]);
  const read = costs.reduce((sum, cost) => ({
    items: sum.items + cost.items,
    pages: sum.pages + cost.pages,
    capacityUnits: sum.capacityUnits + cost.capacityUnits,
  }));
  const stats = tally.result(generatedAt);
  const stored = await putStats(stats);
  return { stats: stored ? stats : ((await getStats()) ?? stats), read, stored };
}

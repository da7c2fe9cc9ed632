/**
 * The refresh: tally the stats partitions (in parallel) with the agreements and the newest
 * negotiation event, then store the result whole.
 */
import { StatsTally, type CountedAgreement, type CountedPerson, type CountedRepatriation, type CountedRound, type Stats } from '../domain/stats';
import { forEachCounted, forEachInPartition, getStats, putStats, type ReadCost } from '../store/stats';
import { queryPage } from '../store/records';
import { agreementsQuery, latestNegotiationQuery } from '../store/keys';
import { countRefresh } from '../observability/metrics';

export interface Refresh {
  readonly stats: Stats;
  readonly read: ReadCost;
  /** False when a refresh that started later stored its result first; `stats` is then that newer result. */
  readonly stored: boolean;
}

export async function refreshStats(now = () => new Date()): Promise<Refresh> {
  const generatedAt = now().toISOString();
  const tally = new StatsTally();
  const agreements: CountedAgreement[] = [];
  const [newest, ...costs] = await Promise.all([
    queryPage<{ date: string }>(latestNegotiationQuery(), 1),
    forEachCounted<CountedRound>('rounds', (round) => tally.addRound(round)),
    forEachCounted<CountedRepatriation>('repatriations', (repatriation) => tally.addRepatriation(repatriation)),
    forEachCounted<CountedPerson>('persons', (person) => tally.addPerson(person)),
    // Agreements are few (a handful a year): their list partition is read whole.
    forEachInPartition<CountedAgreement>(agreementsQuery({}), (agreement) => agreements.push(agreement)),
  ]);
  const read = costs.reduce((sum, cost) => ({
    items: sum.items + cost.items,
    pages: sum.pages + cost.pages,
    capacityUnits: sum.capacityUnits + cost.capacityUnits,
  }));
  const stats = tally.result(generatedAt, agreements, newest.items[0]?.date ?? null);
  const stored = await putStats(stats);
  return { stats: stored ? stats : ((await getStats()) ?? stats), read, stored };
}

/** A refresh with its metrics: the route (`POST /stats/refresh`) and the schedule count alike. */
export async function countedRefresh(): Promise<Refresh & { readonly ms: number }> {
  const started = performance.now();
  const refreshed = await refreshStats();
  const ms = performance.now() - started;
  countRefresh(ms, refreshed.read.items);
  return { ...refreshed, ms };
}

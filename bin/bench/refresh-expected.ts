/**
 * What a correct refresh answers for the refresh benchmark's records, computed here from the
 * generated records themselves (their headline counts and every source's `figures`), apart from
 * the project's tally (lambdas/domain/tally.ts) and from what the stats index projects: so a
 * refresh that reads the wrong items, misses `_statedFigures` or tallies them wrongly fails the
 * benchmark instead of being timed.
 */
import type { Stats } from '../../lambdas/domain/stats';

type Count = { total: number; military?: number; civilians?: number } | null | undefined;
type Stated = readonly { figures?: Readonly<Record<string, number | undefined>> }[] | undefined;
type Ranges = Record<string, { low: number; high: number }>;

export interface CheckedFigures {
  rounds: number;
  repatriations: number;
  roundsWithoutSplit: number;
  disputed: number;
  ranges: Ranges;
}

export interface ExpectedStats {
  readonly totals: CheckedFigures;
  readonly byYear: ReadonlyMap<number, CheckedFigures>;
  /** Of `totals.disputed`: the rounds, and the repatriations. */
  readonly disputedRounds: number;
  readonly disputedRepatriations: number;
  /** Per agreement id: the completed rounds that name it, their stages, and its repatriations. */
  readonly byAgreement: ReadonlyMap<string, { rounds: number; stages: number[]; repatriations: number }>;
}

const ROUND_FIGURES = ['returnedToUkraine', 'returnedToRussia'] as const;
const REPATRIATION_FIGURES = ['bodiesToUkraine', 'bodiesToRussia'] as const;

const zero = (): CheckedFigures => ({
  rounds: 0,
  repatriations: 0,
  roundsWithoutSplit: 0,
  disputed: 0,
  ranges: Object.fromEntries([...ROUND_FIGURES, ...REPATRIATION_FIGURES].map((name) => [name, { low: 0, high: 0 }])),
});

/** Every value stated for each figure (the headline, when disclosed, and each source's); disputed when two differ. */
function spread(into: CheckedFigures, headline: Record<string, number | null>, sources: Stated): boolean {
  let disputed = false;
  for (const [name, value] of Object.entries(headline)) {
    const values = (sources ?? []).map((source) => source.figures?.[name]).filter((n): n is number => typeof n === 'number');
    if (value !== null) values.push(value);
    if (values.length === 0) continue;
    const low = Math.min(...values);
    const high = Math.max(...values);
    into.ranges[name]!.low += low;
    into.ranges[name]!.high += high;
    if (low !== high) disputed = true;
  }
  if (disputed) into.disputed += 1;
  return disputed;
}

/** A side's civilians are known when given, or when the military are (the rest of the total). */
const splitKnown = (count: Count) => !!count && (count.civilians !== undefined || count.military !== undefined);

export function expectedStats(
  rounds: readonly { date: string; status: string; returnedToUkraine?: Count; returnedToRussia?: Count; sources?: Stated; agreementId?: string; stage?: number }[],
  repatriations: readonly { date: string; bodiesToUkraine?: number | null; bodiesToRussia?: number | null; sources?: Stated; agreementId?: string }[],
): ExpectedStats {
  const totals = zero();
  let disputedRounds = 0;
  let disputedRepatriations = 0;
  const byYear = new Map<number, CheckedFigures>();
  const byAgreement = new Map<string, { rounds: number; stages: number[]; repatriations: number }>();
  const both = (date: string) => {
    const year = Number(date.slice(0, 4));
    if (!byYear.has(year)) byYear.set(year, zero());
    return [totals, byYear.get(year)!];
  };
  const agreement = (id: string) => {
    if (!byAgreement.has(id)) byAgreement.set(id, { rounds: 0, stages: [], repatriations: 0 });
    return byAgreement.get(id)!;
  };
  for (const round of rounds) {
    if (round.status !== 'completed') continue;
    const headline = { returnedToUkraine: round.returnedToUkraine?.total ?? null, returnedToRussia: round.returnedToRussia?.total ?? null };
    let disputed = false;
    for (const t of both(round.date)) {
      t.rounds += 1;
      if (!splitKnown(round.returnedToUkraine) || !splitKnown(round.returnedToRussia)) t.roundsWithoutSplit += 1;
      disputed = spread(t, headline, round.sources);
    }
    if (disputed) disputedRounds += 1;
    if (round.agreementId) {
      const a = agreement(round.agreementId);
      a.rounds += 1;
      if (round.stage !== undefined) a.stages.push(round.stage);
    }
  }
  for (const repatriation of repatriations) {
    const headline = { bodiesToUkraine: repatriation.bodiesToUkraine ?? null, bodiesToRussia: repatriation.bodiesToRussia ?? null };
    let disputed = false;
    for (const t of both(repatriation.date)) {
      t.repatriations += 1;
      disputed = spread(t, headline, repatriation.sources);
    }
    if (disputed) disputedRepatriations += 1;
    if (repatriation.agreementId) agreement(repatriation.agreementId).repatriations += 1;
  }
  for (const a of byAgreement.values()) a.stages.sort((x, y) => x - y);
  return { totals, byYear, byAgreement, disputedRounds, disputedRepatriations };
}

const pick = (t: CheckedFigures): CheckedFigures => ({
  rounds: t.rounds,
  repatriations: t.repatriations,
  roundsWithoutSplit: t.roundsWithoutSplit,
  disputed: t.disputed,
  ranges: Object.fromEntries(Object.keys(zero().ranges).map((name) => [name, { low: t.ranges[name]!.low, high: t.ranges[name]!.high }])),
});

/** Every difference between the refresh's answer and the expected figures, as "where: got, expected"; none when correct. */
export function differences(stats: Stats, expected: ExpectedStats): string[] {
  const found: string[] = [];
  const compare = (where: string, got: unknown, want: unknown) => {
    const [a, b] = [JSON.stringify(got), JSON.stringify(want)];
    if (a !== b) found.push(`${where}: refresh ${a}, expected ${b}`);
  };
  compare('totals', pick(stats.totals as unknown as CheckedFigures), expected.totals);
  compare('years', stats.byYear.map((y) => y.year), [...expected.byYear.keys()].sort((a, b) => a - b));
  for (const year of stats.byYear) {
    const want = expected.byYear.get(year.year);
    if (want) compare(`byYear ${year.year}`, pick(year as unknown as CheckedFigures), want);
  }
  for (const [id, want] of expected.byAgreement) {
    const got = stats.byAgreement.find((a) => a.agreementId === id);
    compare(`byAgreement ${id}`, got && { rounds: got.rounds, stages: got.stages, repatriations: got.repatriations }, want);
  }
  return found;
}

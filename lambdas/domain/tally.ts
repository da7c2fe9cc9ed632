/**
 * Counting a round or a repatriation into a tally of figures: the rules that the statistics and an
 * agreement's progress share (only completed rounds count; an undisclosed figure adds 0 and marks
 * its round undisclosed).
 */
import { repatriationFigures, roundFigures, spreadOf, type FigureEvidence, type FigureName, type Range } from './figures';

export interface Totals {
  rounds: number;
  returnedToUkraine: number;
  returnedToRussia: number;
  civiliansReturnedToUkraine: number;
  civiliansReturnedToRussia: number;
  roundsUndisclosed: number;
  repatriations: number;
  bodiesToUkraine: number;
  bodiesToRussia: number;
  /** Completed rounds where a side's count is undisclosed or gives no military/civilians part: the civilians figures are floors. */
  roundsWithoutSplit: number;
  /** Rounds and repatriations whose figures sources state differently. */
  disputed: number;
  /** Per figure, the sums of each record's lowest and highest stated value (headline and sources). */
  ranges: Record<FigureName, Range>;
}

type Count = { total: number; military?: number; civilians?: number } | null | undefined;
/** What the stats index projects of a record's sources: the figures each states (store/keys/layout.ts). */
type StatedFigures = readonly Readonly<Partial<Record<FigureName, number>>>[];
export interface CountedRound {
  date: string;
  status?: string;
  returnedToUkraine?: Count;
  returnedToRussia?: Count;
  agreementId?: string;
  stage?: number;
  _statedFigures?: StatedFigures;
}
export interface CountedRepatriation {
  date: string;
  bodiesToUkraine?: number | null;
  bodiesToRussia?: number | null;
  agreementId?: string;
  _statedFigures?: StatedFigures;
}

/** The civilians of a count: given, or the total less the military where only those are given; unknown otherwise. */
export function civiliansOf(count: Count): number | undefined {
  if (!count) return undefined;
  if (count.civilians !== undefined) return count.civilians;
  return count.military !== undefined ? count.total - count.military : undefined;
}

const sources = (stated: StatedFigures | undefined) => (stated ?? []).map((figures) => ({ figures }));

function addSpread(t: Totals, evidence: FigureEvidence, names: readonly FigureName[]): void {
  const spread = spreadOf(evidence, names);
  for (const name of names) {
    const range = spread.ranges[name];
    if (!range) continue;
    t.ranges[name].low += range.low;
    t.ranges[name].high += range.high;
  }
  if (spread.disputed) t.disputed += 1;
}

/** Only a completed round counts (the stats index holds no other, so a status it does not project counts too). */
export const counts = (round: CountedRound): boolean => round.status === undefined || round.status === 'completed';

/** Adds a completed round to a tally: its figures, 0 where undisclosed, and whether it was. */
export function addRoundTo(t: Totals, round: CountedRound): void {
  const { returnedToUkraine: ua, returnedToRussia: ru } = round;
  t.rounds += 1;
  t.returnedToUkraine += ua?.total ?? 0;
  t.returnedToRussia += ru?.total ?? 0;
  const civilians = [civiliansOf(ua), civiliansOf(ru)];
  t.civiliansReturnedToUkraine += civilians[0] ?? 0;
  t.civiliansReturnedToRussia += civilians[1] ?? 0;
  if (!ua || !ru) t.roundsUndisclosed += 1;
  if (civilians.includes(undefined)) t.roundsWithoutSplit += 1;
  addSpread(t, { headline: { returnedToUkraine: ua?.total ?? null, returnedToRussia: ru?.total ?? null }, sources: sources(round._statedFigures) }, roundFigures);
}

export function addRepatriationTo(t: Totals, repatriation: CountedRepatriation): void {
  t.repatriations += 1;
  t.bodiesToUkraine += repatriation.bodiesToUkraine ?? 0;
  t.bodiesToRussia += repatriation.bodiesToRussia ?? 0;
  addSpread(
    t,
    { headline: { bodiesToUkraine: repatriation.bodiesToUkraine ?? null, bodiesToRussia: repatriation.bodiesToRussia ?? null }, sources: sources(repatriation._statedFigures) },
    repatriationFigures,
  );
}

export const zeroTotals = (): Totals => ({
  rounds: 0,
  returnedToUkraine: 0,
  returnedToRussia: 0,
  civiliansReturnedToUkraine: 0,
  civiliansReturnedToRussia: 0,
  roundsUndisclosed: 0,
  repatriations: 0,
  bodiesToUkraine: 0,
  bodiesToRussia: 0,
  roundsWithoutSplit: 0,
  disputed: 0,
  ranges: {
    returnedToUkraine: { low: 0, high: 0 },
    returnedToRussia: { low: 0, high: 0 },
    bodiesToUkraine: { low: 0, high: 0 },
    bodiesToRussia: { low: 0, high: 0 },
  },
});


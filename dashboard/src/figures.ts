/**
 * How a figure must be read (README "What the figures mean"): a floor where some handovers did not
 * publish it, a range where the sources disagree. Pure: no DOM.
 */
import type { Figure, Repatriation, Round, Totals } from './types';

/** Per figure, how many records that count did not publish it (rounds: completed only). */
export type Undisclosed = Record<Figure, number>;

const zero = (): Undisclosed => ({ returnedToUkraine: 0, returnedToRussia: 0, bodiesToUkraine: 0, bodiesToRussia: 0 });

export const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * Undisclosed counts per figure, in all and per year, from the records themselves: the stats say
 * how many rounds withheld some figure (`roundsUndisclosed`), not which side's; the lists say both.
 */
export function undisclosedCounts(rounds: readonly Round[] | undefined, repatriations: readonly Repatriation[] | undefined) {
  const all = zero();
  const byYear = new Map<number, Undisclosed>();
  const add = (year: number, figure: Figure) => {
    all[figure]++;
    let counts = byYear.get(year);
    if (!counts) byYear.set(year, (counts = zero()));
    counts[figure]++;
  };
  for (const round of rounds ?? []) {
    if (round.status !== 'completed') continue;
    if (round.returnedToUkraine == null) add(yearOf(round.date), 'returnedToUkraine');
    if (round.returnedToRussia == null) add(yearOf(round.date), 'returnedToRussia');
  }
  for (const repatriation of repatriations ?? []) {
    if (repatriation.bodiesToUkraine == null) add(yearOf(repatriation.date), 'bodiesToUkraine');
    if (repatriation.bodiesToRussia == null) add(yearOf(repatriation.date), 'bodiesToRussia');
  }
  return { all, byYear, known: rounds !== undefined && repatriations !== undefined };
}

export interface FigureReading {
  readonly value: number;
  /** The sum leaves out handovers that did not publish it. */
  readonly floor: boolean;
  /** How many records that count left it out (undefined where the lists could not be read). */
  readonly undisclosed?: number;
  /** The sources' range, where it differs from the total. */
  readonly range?: { readonly low: number; readonly high: number };
}

/**
 * One figure of a totals object (the whole record or one year). Without the lists, a prisoners
 * figure is a floor whenever any round withheld a figure (the stats cannot say whose); a bodies
 * figure cannot be judged, and is shown as summed.
 */
export function readFigure(totals: Totals, figure: Figure, undisclosed: Undisclosed | undefined, listsKnown: boolean): FigureReading {
  const value = totals[figure];
  const range = totals.ranges?.[figure];
  const differs = range !== undefined && (range.low !== value || range.high !== value);
  let floor: boolean;
  let count: number | undefined;
  if (listsKnown) {
    count = undisclosed?.[figure] ?? 0;
    floor = count > 0;
  } else {
    floor = figure.startsWith('returned') && totals.roundsUndisclosed > 0;
  }
  return { value, floor, undisclosed: count, range: differs ? { low: range.low, high: range.high } : undefined };
}

/** Civilians are a floor wherever a completed round gives no split (or withheld the figure). */
export function civiliansFloor(totals: Totals): boolean {
  return totals.roundsWithoutSplit > 0 || totals.roundsUndisclosed > 0;
}

export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/**
 * How far an agreement got: what the completed rounds and the repatriations that name it add up to
 * (the statistics' rules: an undisclosed figure adds 0 and marks its round), against what its
 * numbered commitments promised.
 */
import type { Commitment } from './agreement';
import { addRepatriationTo, addRoundTo, counts, zeroTotals, type CountedRepatriation, type CountedRound, type Totals } from './tally';

export interface Figures {
  prisonersToUkraine: number | null;
  prisonersToRussia: number | null;
  bodiesToUkraine: number | null;
  bodiesToRussia: number | null;
}

export interface Progress {
  rounds: number;
  stages: number[];
  returnedToUkraine: number;
  returnedToRussia: number;
  roundsUndisclosed: number;
  repatriations: number;
  bodiesToUkraine: number;
  bodiesToRussia: number;
  committed: Figures;
  remaining: Figures;
  firstHandoverOn: string | null;
  lastHandoverOn: string | null;
}

/** Sums the numbered commitments of each kind and side; null where none names a number. */
export function committedOf(commitments: readonly Commitment[] = []): Figures {
  const sum = (kind: Commitment['kind'], side: 'toUkraine' | 'toRussia'): number | null => {
    const numbers = commitments.filter((c) => c.kind === kind).map((c) => c[side]).filter((n): n is number => typeof n === 'number');
    return numbers.length ? numbers.reduce((a, b) => a + b, 0) : null;
  };
  return {
    prisonersToUkraine: sum('prisoners', 'toUkraine'),
    prisonersToRussia: sum('prisoners', 'toRussia'),
    bodiesToUkraine: sum('bodies', 'toUkraine'),
    bodiesToRussia: sum('bodies', 'toRussia'),
  };
}

/** What is still owed, never below zero; an upper bound while some round is undisclosed. */
function remainingOf(committed: Figures, t: Totals): Figures {
  const left = (promised: number | null, delivered: number) => (promised === null ? null : Math.max(0, promised - delivered));
  return {
    prisonersToUkraine: left(committed.prisonersToUkraine, t.returnedToUkraine),
    prisonersToRussia: left(committed.prisonersToRussia, t.returnedToRussia),
    bodiesToUkraine: left(committed.bodiesToUkraine, t.bodiesToUkraine),
    bodiesToRussia: left(committed.bodiesToRussia, t.bodiesToRussia),
  };
}

export class ProgressTally {
  private readonly totals = zeroTotals();
  private readonly stages = new Set<number>();
  private first: string | null = null;
  private last: string | null = null;

  private handover(date: string): void {
    if (this.first === null || date < this.first) this.first = date;
    if (this.last === null || date > this.last) this.last = date;
  }

  addRound(round: CountedRound): void {
    if (!counts(round)) return;
    addRoundTo(this.totals, round);
    if (round.stage !== undefined) this.stages.add(round.stage);
    this.handover(round.date);
  }

  addRepatriation(repatriation: CountedRepatriation): void {
    addRepatriationTo(this.totals, repatriation);
    this.handover(repatriation.date);
  }

  result(commitments?: readonly Commitment[]): Progress {
    const t = this.totals;
    const committed = committedOf(commitments);
    return {
      rounds: t.rounds,
      stages: [...this.stages].sort((a, b) => a - b),
      returnedToUkraine: t.returnedToUkraine,
      returnedToRussia: t.returnedToRussia,
      roundsUndisclosed: t.roundsUndisclosed,
      repatriations: t.repatriations,
      bodiesToUkraine: t.bodiesToUkraine,
      bodiesToRussia: t.bodiesToRussia,
      committed,
      remaining: remainingOf(committed, t),
      firstHandoverOn: this.first,
      lastHandoverOn: this.last,
    };
  }
}

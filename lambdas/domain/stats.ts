/**
 * The summary statistics of the contract, tallied record by record so a refresh can stream pages.
 * Only completed rounds count; a null figure adds 0 and marks the round undisclosed; sums are exact
 * integers (JavaScript numbers are exact far beyond any count here).
 */
import { categories, type Category } from './fields';
import { personSides, personStatuses } from './person';

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
}

export interface PersonStats {
  total: number;
  byStatus: Record<string, number>;
  bySide: Record<string, number>;
  byCategory: Record<string, number>;
  awaitingExchange: number;
}

export interface Stats {
  generatedAt: string;
  totals: Totals;
  byYear: (Totals & { year: number })[];
  persons: PersonStats;
}

type Count = { total: number; civilians?: number } | null | undefined;
export interface CountedRound { date: string; status?: string; returnedToUkraine?: Count; returnedToRussia?: Count }
export interface CountedRepatriation { date: string; bodiesToUkraine?: number | null; bodiesToRussia?: number | null }
export interface CountedPerson { status: string; side: string; categories?: readonly string[] }

const zeroTotals = (): Totals => ({
  rounds: 0,
  returnedToUkraine: 0,
  returnedToRussia: 0,
  civiliansReturnedToUkraine: 0,
  civiliansReturnedToRussia: 0,
  roundsUndisclosed: 0,
  repatriations: 0,
  bodiesToUkraine: 0,
  bodiesToRussia: 0,
});

const zeroes = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 0]));

export class StatsTally {
  private readonly totals = zeroTotals();
  private readonly years = new Map<number, Totals>();
  private readonly persons: PersonStats = {
    total: 0,
    byStatus: zeroes(personStatuses),
    bySide: zeroes(personSides),
    byCategory: zeroes(categories),
    awaitingExchange: 0,
  };

  private both(date: string, add: (totals: Totals) => void): void {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) this.years.set(year, zeroTotals());
    add(this.totals);
    add(this.years.get(year)!);
  }

  addRound(round: CountedRound): void {
    if (round.status !== undefined && round.status !== 'completed') return;
    const { returnedToUkraine: ua, returnedToRussia: ru } = round;
    this.both(round.date, (t) => {
      t.rounds += 1;
      t.returnedToUkraine += ua?.total ?? 0;
      t.returnedToRussia += ru?.total ?? 0;
      t.civiliansReturnedToUkraine += ua?.civilians ?? 0;
      t.civiliansReturnedToRussia += ru?.civilians ?? 0;
      if (!ua || !ru) t.roundsUndisclosed += 1;
    });
  }

  addRepatriation(repatriation: CountedRepatriation): void {
    this.both(repatriation.date, (t) => {
      t.repatriations += 1;
      t.bodiesToUkraine += repatriation.bodiesToUkraine ?? 0;
      t.bodiesToRussia += repatriation.bodiesToRussia ?? 0;
    });
  }

  addPerson(person: CountedPerson): void {
    const p = this.persons;
    p.total += 1;
    p.byStatus[person.status] = (p.byStatus[person.status] ?? 0) + 1;
    p.bySide[person.side] = (p.bySide[person.side] ?? 0) + 1;
    for (const category of person.categories ?? []) p.byCategory[category as Category] = (p.byCategory[category] ?? 0) + 1;
    if (person.status === 'held') p.awaitingExchange += 1;
  }

  result(generatedAt: string): Stats {
    return {
      generatedAt,
      totals: { ...this.totals },
      byYear: [...this.years.entries()].sort(([a], [b]) => a - b).map(([year, totals]) => ({ year, ...totals })),
      persons: structuredClone(this.persons),
    };
  }
}

/** An empty registry has zero statistics, not none. */
export const emptyStats = (generatedAt: string): Stats => new StatsTally().result(generatedAt);

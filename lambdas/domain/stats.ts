/**
 * The summary statistics of the contract, tallied record by record so a refresh can stream pages.
 * Only completed rounds count; a null figure adds 0 and marks the round undisclosed; sums are exact
 * integers (JavaScript numbers are exact far beyond any count here).
 */
import { categories, type Category } from './fields';
import { personSides, personStatuses } from './person';
import { ProgressTally, type Progress } from './progress';
import type { AgreementStatus, Commitment } from './agreement';
import { addRepatriationTo, addRoundTo, counts, zeroTotals, type CountedRepatriation, type CountedRound, type Totals } from './tally';

export type { CountedRepatriation, CountedRound, Totals };
export interface CountedPerson { status: string; side: string; categories?: readonly string[] }

export interface PersonStats {
  total: number;
  byStatus: Record<string, number>;
  bySide: Record<string, number>;
  byCategory: Record<string, number>;
  awaitingExchange: number;
}

/** An agreement's progress as the refresh saw it, with what identifies the agreement. */
export type AgreementProgress = { agreementId: string; title: string; status: AgreementStatus; reachedOn: string } & Progress;

export interface Latest {
  roundOn: string | null;
  repatriationOn: string | null;
  negotiationOn: string | null;
  /** Whole days from the last completed round to the refresh's date (UTC). */
  daysSinceRound: number | null;
}

export interface Stats {
  generatedAt: string;
  totals: Totals;
  byYear: (Totals & { year: number })[];
  persons: PersonStats;
  byAgreement: AgreementProgress[];
  latest: Latest;
}

/** What the refresh knows of an agreement: its identity and its commitments. */
export interface CountedAgreement {
  id: string;
  title: string;
  status: AgreementStatus;
  reachedOn: string;
  commitments?: readonly Commitment[];
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const later = (a: string | null, b: string) => (a === null || b > a ? b : a);

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

  private readonly agreements = new Map<string, ProgressTally>();
  private lastRound: string | null = null;
  private lastRepatriation: string | null = null;

  private progressOf(agreementId: string | undefined): ProgressTally | undefined {
    if (agreementId === undefined) return undefined;
    let tally = this.agreements.get(agreementId);
    if (!tally) this.agreements.set(agreementId, (tally = new ProgressTally()));
    return tally;
  }

  private both(date: string, add: (totals: Totals) => void): void {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) this.years.set(year, zeroTotals());
    add(this.totals);
    add(this.years.get(year)!);
  }

  addRound(round: CountedRound): void {
    if (!counts(round)) return;
    this.both(round.date, (t) => addRoundTo(t, round));
    this.progressOf(round.agreementId)?.addRound(round);
    this.lastRound = later(this.lastRound, round.date);
  }

  addRepatriation(repatriation: CountedRepatriation): void {
    this.both(repatriation.date, (t) => addRepatriationTo(t, repatriation));
    this.progressOf(repatriation.agreementId)?.addRepatriation(repatriation);
    this.lastRepatriation = later(this.lastRepatriation, repatriation.date);
  }

  addPerson(person: CountedPerson): void {
    const p = this.persons;
    p.total += 1;
    p.byStatus[person.status] = (p.byStatus[person.status] ?? 0) + 1;
    p.bySide[person.side] = (p.bySide[person.side] ?? 0) + 1;
    for (const category of person.categories ?? []) p.byCategory[category as Category] = (p.byCategory[category] ?? 0) + 1;
    if (person.status === 'held') p.awaitingExchange += 1;
  }

  /** `agreements`: every agreement, each with the records that named it; `lastNegotiationOn`: the newest event's date. */
  result(generatedAt: string, agreements: readonly CountedAgreement[] = [], lastNegotiationOn: string | null = null): Stats {
    const byAgreement = [...agreements]
      .sort((a, b) => a.reachedOn.localeCompare(b.reachedOn) || a.id.localeCompare(b.id))
      .map((a) => ({
        agreementId: a.id,
        title: a.title,
        status: a.status,
        reachedOn: a.reachedOn,
        ...(this.agreements.get(a.id) ?? new ProgressTally()).result(a.commitments),
      }));
    return {
      generatedAt,
      totals: structuredClone(this.totals),
      byYear: [...this.years.entries()].sort(([a], [b]) => a - b).map(([year, totals]) => ({ year, ...structuredClone(totals) })),
      persons: structuredClone(this.persons),
      byAgreement,
      latest: {
        roundOn: this.lastRound,
        repatriationOn: this.lastRepatriation,
        negotiationOn: lastNegotiationOn,
        daysSinceRound: this.lastRound === null ? null : daysBetween(this.lastRound, generatedAt.slice(0, 10)),
      },
    };
  }
}

/** An empty registry has zero statistics, not none. */
export const emptyStats = (generatedAt: string): Stats => new StatsTally().result(generatedAt);

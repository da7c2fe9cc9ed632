/**
 * A reconciliation: a counterpart's list of names checked against the registry's persons of one
 * side. The body of its POST, and the report it keeps: the summary, each entry's outcome, and the
 * held persons the list leaves out. Pure; the matching itself is domain/matching/.
 */
import * as z from 'zod/mini';
import { isoDate, text } from './fields';
import { personKinds, personSides } from './person';
import type { Agreed } from './matching';

export const listSources = ['russia', 'ukraine', 'icrc', 'mediator', 'other'] as const;
export const outcomes = ['matched', 'possible', 'unknown'] as const;
export type Outcome = (typeof outcomes)[number];
export const MAX_ENTRIES = 2000;

export const listEntry = z.strictObject({
  ref: z.optional(text(100)),
  fullName: text(200, 1),
  dateOfBirth: z.optional(isoDate()),
  serviceNumber: z.optional(text(200)),
  kind: z.optional(z.enum(personKinds)),
});
export type ListEntryInput = z.infer<typeof listEntry>;

export const reconciliationInput = z.strictObject({
  title: text(200, 1),
  receivedFrom: z.enum(listSources),
  receivedOn: isoDate(),
  listOf: z.enum(personSides),
  entries: z.array(listEntry).check(z.minLength(1), z.maxLength(MAX_ENTRIES)),
});
export type ReconciliationInput = z.infer<typeof reconciliationInput>;

export interface Summary {
  entries: number;
  matched: number;
  possible: number;
  unknown: number;
  omitted: number;
  missingFound: number;
}

/** One entry as reported: what the list said, and what the registry made of it. */
export interface EntryReport extends ListEntryInput {
  index: number;
  outcome: Outcome;
  match: { personId: string; score: number; agreed: Agreed[] } | null;
  candidates: { personId: string; fullName: string; score: number; agreed: Agreed[] }[];
}

export interface OmittedPerson {
  personId: string;
  fullName: string;
  /** Only held persons can be omitted: the ones a list of prisoners should have named. */
  status: 'held';
}

/** Who the list leaves out: the held persons of its side that no entry matched. */
export function omittedFrom(persons: readonly { id: string; fullName: string; status: string }[], entries: readonly EntryReport[]): OmittedPerson[] {
  const matched = new Set(entries.flatMap((entry) => (entry.match ? [entry.match.personId] : [])));
  return persons.filter((p) => p.status === 'held' && !matched.has(p.id)).map((p) => ({ personId: p.id, fullName: p.fullName, status: 'held' as const }));
}

/** The counts of the report; `missingFound`: distinct matched persons listed as missing (found on a captor's list). */
export function summaryOf(entries: readonly EntryReport[], omitted: readonly OmittedPerson[], statusOf: (personId: string) => string | undefined): Summary {
  const count = (outcome: Outcome) => entries.filter((entry) => entry.outcome === outcome).length;
  const found = new Set(entries.flatMap((entry) => (entry.match && statusOf(entry.match.personId) === 'missing' ? [entry.match.personId] : [])));
  return { entries: entries.length, matched: count('matched'), possible: count('possible'), unknown: count('unknown'), omitted: omitted.length, missingFound: found.size };
}

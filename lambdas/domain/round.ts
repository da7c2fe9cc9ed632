/** A round: one handover day of an exchange. Schemas and invariants, free of AWS. */
import * as z from 'zod/mini';
import { bodySchemas, categoryList, count, figureSourceList, isoDate, referenceId, text, paragraph, type ServerFields } from './fields';
import { roundFigures, spreadOf } from './figures';

export const roundStatuses = ['planned', 'negotiating', 'postponed', 'completed', 'cancelled'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

const countFields = roundFigures;

/** A round's source may state the figures it gives: `returnedToUkraine`, `returnedToRussia`. */
export const roundSources = figureSourceList(roundFigures);

const shape = {
  date: isoDate(),
  status: z.enum(roundStatuses),
  agreement: text(200),
  agreementId: referenceId(),
  stage: z.int().check(z.minimum(1)),
  mediator: text(200),
  location: text(200),
  returnedToUkraine: z.nullable(count),
  returnedToRussia: z.nullable(count),
  categories: categoryList,
  sources: roundSources.list,
  notes: paragraph(4000),
};

/** Only a completed round has figures: a Count on any other status is a contradiction. */
const countsOnlyWhenCompleted = z.superRefine((round: { status: RoundStatus } & Partial<Record<(typeof countFields)[number], unknown>>, ctx) => {
  if (round.status === 'completed') return;
  for (const field of countFields) {
    if (round[field] !== undefined && round[field] !== null) {
      ctx.issues.push({
        code: 'custom',
        input: round[field],
        path: [field],
        message: `Only a completed round has counts; this round is ${round.status}`,
      });
    }
  }
});

const bodies = bodySchemas(shape, ['date', 'status']);

export const roundInput = bodies.input.check(countsOnlyWhenCompleted);
export type RoundInput = z.infer<typeof roundInput>;

/** PATCH body: every field optional; `null` clears an optional field; required fields cannot be cleared. */
export const roundPatch = bodies.patch;

export type Round = RoundInput &
  ServerFields & {
    returnedToUkraine: RoundInput['returnedToUkraine'] | null;
    returnedToRussia: RoundInput['returnedToRussia'] | null;
  };

/** Absent figures are undisclosed: both counts are always present in a stored round, as null if unknown. */
export function normalizeRound(input: RoundInput): RoundInput {
  return { ...input, returnedToUkraine: input.returnedToUkraine ?? null, returnedToRussia: input.returnedToRussia ?? null };
}

/** True when, for either figure, two of {the headline total, the figures its sources state} differ. */
export function isRoundDisputed(round: Pick<RoundInput, 'returnedToUkraine' | 'returnedToRussia' | 'sources'>): boolean {
  return spreadOf(roundEvidence(round), roundFigures).disputed;
}

export function roundEvidence(round: Pick<RoundInput, 'returnedToUkraine' | 'returnedToRussia' | 'sources'>) {
  return {
    headline: { returnedToUkraine: round.returnedToUkraine?.total ?? null, returnedToRussia: round.returnedToRussia?.total ?? null },
    sources: round.sources,
  };
}

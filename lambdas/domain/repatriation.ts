/** A repatriation: one handover of fallen soldiers' bodies. */
import * as z from 'zod/mini';
import { bodySchemas, figureSourceList, isoDate, nonNegativeInt, referenceId, text, paragraph, type ServerFields } from './fields';
import { repatriationFigures, spreadOf } from './figures';

/** A repatriation's source may state the figures it gives: `bodiesToUkraine`, `bodiesToRussia`. */
export const repatriationSources = figureSourceList(repatriationFigures);

const shape = {
  date: isoDate(),
  bodiesToUkraine: z.nullable(nonNegativeInt()),
  bodiesToRussia: z.nullable(nonNegativeInt()),
  agreementId: referenceId(),
  mediator: text(200),
  location: text(200),
  sources: repatriationSources.list,
  notes: paragraph(4000),
};

const bodies = bodySchemas(shape, ['date']);

export const repatriationInput = bodies.input;
export type RepatriationInput = z.infer<typeof repatriationInput>;
export const repatriationPatch = bodies.patch;

export type Repatriation = RepatriationInput & ServerFields;

/** An absent figure is undisclosed: both are always present, null when unknown. */
export function normalizeRepatriation(input: RepatriationInput): RepatriationInput {
  return { ...input, bodiesToUkraine: input.bodiesToUkraine ?? null, bodiesToRussia: input.bodiesToRussia ?? null };
}

/** True when, for either figure, two of {the headline figure, the figures its sources state} differ. */
export function isRepatriationDisputed(repatriation: Pick<RepatriationInput, 'bodiesToUkraine' | 'bodiesToRussia' | 'sources'>): boolean {
  return spreadOf(
    { headline: { bodiesToUkraine: repatriation.bodiesToUkraine ?? null, bodiesToRussia: repatriation.bodiesToRussia ?? null }, sources: repatriation.sources },
    repatriationFigures,
  ).disputed;
}

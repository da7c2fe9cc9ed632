/** A repatriation: one handover of fallen soldiers' bodies. */
import * as z from 'zod/mini';
import { bodySchemas, isoDate, nonNegativeInt, sourceList, text, paragraph, type ServerFields } from './fields';

const shape = {
  date: isoDate(),
  bodiesToUkraine: z.nullable(nonNegativeInt()),
  bodiesToRussia: z.nullable(nonNegativeInt()),
  mediator: text(200),
  location: text(200),
  sources: sourceList,
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

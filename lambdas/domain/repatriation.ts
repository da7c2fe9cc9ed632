/** A repatriation: one handover of fallen soldiers' bodies. */
import * as z from 'zod/mini';
import { isoDate, nonNegativeInt, sourceList, text, type ServerFields } from './fields';

const shape = {
  date: isoDate(),
  bodiesToUkraine: z.nullable(nonNegativeInt()),
  bodiesToRussia: z.nullable(nonNegativeInt()),
  mediator: text(200),
  location: text(200),
  sources: sourceList,
  notes: text(4000),
};

export const repatriationInput = z.strictObject({
  date: shape.date,
  bodiesToUkraine: z.optional(shape.bodiesToUkraine),
  bodiesToRussia: z.optional(shape.bodiesToRussia),
  mediator: z.optional(shape.mediator),
  location: z.optional(shape.location),
  sources: z.optional(shape.sources),
  notes: z.optional(shape.notes),
});
export type RepatriationInput = z.infer<typeof repatriationInput>;

export const repatriationPatch = z.strictObject({
  date: z.optional(shape.date),
  bodiesToUkraine: z.optional(shape.bodiesToUkraine),
  bodiesToRussia: z.optional(shape.bodiesToRussia),
  mediator: z.optional(z.nullable(shape.mediator)),
  location: z.optional(z.nullable(shape.location)),
  sources: z.optional(z.nullable(shape.sources)),
  notes: z.optional(z.nullable(shape.notes)),
});

export type Repatriation = RepatriationInput & ServerFields;

/** An absent figure is undisclosed: both are always present, null when unknown. */
export function normalizeRepatriation(input: RepatriationInput): RepatriationInput {
  return { ...input, bodiesToUkraine: input.bodiesToUkraine ?? null, bodiesToRussia: input.bodiesToRussia ?? null };
}

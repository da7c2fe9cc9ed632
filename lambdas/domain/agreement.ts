/** An agreement: a deal on exchanges reached in talks, with what each side committed to. */
import * as z from 'zod/mini';
import { bodySchemas, categoryList, isoDate, nonNegativeInt, paragraph, sourceList, text, type ServerFields } from './fields';

export const agreementStatuses = ['negotiating', 'agreed', 'in_progress', 'fulfilled', 'stalled', 'abandoned'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];
export const commitmentKinds = ['prisoners', 'bodies'] as const;

/** An absent or null number: the commitment names none ("all the severely wounded"). */
export const commitment = z.strictObject({
  kind: z.enum(commitmentKinds),
  toUkraine: z.optional(z.nullable(nonNegativeInt())),
  toRussia: z.optional(z.nullable(nonNegativeInt())),
  categories: z.optional(categoryList),
  description: z.optional(text(500)),
});
export type Commitment = z.infer<typeof commitment>;

const mediatorList = z.array(text(200, 1)).check(
  z.maxLength(10),
  z.refine((list) => new Set(list).size === list.length, { message: 'Mediators must be unique' }),
);

const shape = {
  title: text(200, 1),
  reachedOn: isoDate(),
  venue: text(200),
  mediators: mediatorList,
  status: z.enum(agreementStatuses),
  commitments: z.array(commitment).check(z.maxLength(20)),
  sources: sourceList,
  notes: paragraph(4000),
};

const bodies = bodySchemas(shape, ['title', 'reachedOn', 'status']);

export const agreementInput = bodies.input;
export type AgreementInput = z.infer<typeof agreementInput>;
export const agreementPatch = bodies.patch;

export type Agreement = AgreementInput & ServerFields;

/** A negotiation event: one step of the talks (a meeting, a list handed over, a statement, a postponement). */
import * as z from 'zod/mini';
import { bodySchemas, isoDate, paragraph, referenceId, sourceList, text, type ServerFields } from './fields';

export const negotiationKinds = ['talks', 'technical_meeting', 'lists_exchanged', 'statement', 'postponed', 'other'] as const;

const shape = {
  date: isoDate(),
  kind: z.enum(negotiationKinds),
  title: text(200, 1),
  venue: text(200),
  mediator: text(200),
  agreementId: referenceId(),
  outcome: paragraph(2000),
  sources: sourceList,
  notes: paragraph(4000),
};

const bodies = bodySchemas(shape, ['date', 'kind', 'title']);

export const negotiationInput = bodies.input;
export type NegotiationInput = z.infer<typeof negotiationInput>;
export const negotiationPatch = bodies.patch;

export type Negotiation = NegotiationInput & ServerFields;

import * as z from 'zod/mini';
import { negotiationInput, negotiationKinds, negotiationPatch, type NegotiationInput } from '../domain/negotiation';
import { referenceId } from '../domain/fields';
import { dateParams, pageParams } from '../domain/query-params';
import { dateWindow, type DateFilter } from '../domain/date-window';
import { negotiationLayout, negotiationsQuery } from '../store/keys';
import type { ResourceDefinition } from './resource';

type NegotiationFilter = DateFilter & { kind?: (typeof negotiationKinds)[number]; agreementId?: string };

export const negotiations: ResourceDefinition<NegotiationInput, NegotiationFilter> = {
  entity: 'negotiations',
  label: 'Negotiation',
  path: '/negotiations',
  input: negotiationInput,
  patch: negotiationPatch,
  normalize: (input) => input,
  layout: negotiationLayout,
  listParams: z.strictObject({
    ...pageParams,
    ...dateParams,
    kind: z.optional(z.enum(negotiationKinds)),
    agreementId: z.optional(referenceId()),
  }),
  listQuery: (filter) => {
    const window = dateWindow(filter);
    return window === 'empty' ? undefined : negotiationsQuery({ ...window, kind: filter.kind, agreementId: filter.agreementId });
  },
};

import * as z from 'zod/mini';
import { isRoundDisputed, normalizeRound, roundInput, roundPatch, roundStatuses, type RoundInput } from '../domain/round';
import { dateParams, pageParams } from '../domain/query-params';
import { referenceId } from '../domain/fields';
import { dateWindow, type DateFilter } from '../domain/date-window';
import { roundLayout, roundsQuery } from '../store/keys';
import type { ResourceDefinition } from './resource';

type RoundFilter = DateFilter & { status?: (typeof roundStatuses)[number]; agreementId?: string };

export const rounds: ResourceDefinition<RoundInput, RoundFilter> = {
  entity: 'rounds',
  label: 'Round',
  path: '/rounds',
  input: roundInput,
  patch: roundPatch,
  normalize: normalizeRound,
  layout: roundLayout,
  derivedFields: ['disputed'],
  compute: (round) => ({ disputed: isRoundDisputed(round) }),
  needsNoReferences: (before, after) => {
    if (!after) return 'Persons name this round as the one they were exchanged in; change them first';
    if (before.status === 'completed' && after.status !== 'completed') {
      return 'Persons name this round as the one they were exchanged in; it must stay completed';
    }
    return undefined;
  },
  listParams: z.strictObject({ ...pageParams, ...dateParams, status: z.optional(z.enum(roundStatuses)), agreementId: z.optional(referenceId()) }),
  listQuery: (filter) => {
    const window = dateWindow(filter);
    return window === 'empty' ? undefined : roundsQuery({ ...window, status: filter.status, agreementId: filter.agreementId });
  },
};

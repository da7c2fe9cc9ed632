import * as z from 'zod/mini';
import { normalizeRound, roundInput, roundPatch, roundStatuses, type RoundInput } from '../domain/round';
import { dateParams, pageParams } from '../domain/query-params';
import { dateWindow, type DateFilter } from '../domain/date-window';
import { roundIndexAttributes, roundsQuery } from '../store/keys';
import type { ResourceDefinition } from './resource';

type RoundFilter = DateFilter & { status?: (typeof roundStatuses)[number] };

export const rounds: ResourceDefinition<RoundInput, RoundFilter> = {
  entity: 'rounds',
  label: 'Round',
  path: '/rounds',
  input: roundInput,
  patch: roundPatch,
  normalize: normalizeRound,
  indexAttributes: roundIndexAttributes,
  listParams: z.strictObject({ ...pageParams, ...dateParams, status: z.optional(z.enum(roundStatuses)) }),
  listQuery: (filter) => {
    const window = dateWindow(filter);
    return window === 'empty' ? undefined : roundsQuery({ ...window, status: filter.status });
  },
};

import * as z from 'zod/mini';
import { isRepatriationDisputed, normalizeRepatriation, repatriationInput, repatriationPatch, type RepatriationInput } from '../domain/repatriation';
import { dateParams, pageParams } from '../domain/query-params';
import { referenceId } from '../domain/fields';
import { dateWindow, type DateFilter } from '../domain/date-window';
import { repatriationLayout, repatriationsQuery } from '../store/keys';
import type { ResourceDefinition } from './resource';

export const repatriations: ResourceDefinition<RepatriationInput, DateFilter & { agreementId?: string }> = {
  entity: 'repatriations',
  label: 'Repatriation',
  path: '/repatriations',
  input: repatriationInput,
  patch: repatriationPatch,
  normalize: normalizeRepatriation,
  layout: repatriationLayout,
  derivedFields: ['disputed'],
  compute: (repatriation) => ({ disputed: isRepatriationDisputed(repatriation) }),
  listParams: z.strictObject({ ...pageParams, ...dateParams, agreementId: z.optional(referenceId()) }),
  listQuery: (filter) => {
    const window = dateWindow(filter);
    return window === 'empty' ? undefined : repatriationsQuery({ ...window, agreementId: filter.agreementId });
  },
};

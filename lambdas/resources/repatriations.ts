import * as z from 'zod/mini';
import { normalizeRepatriation, repatriationInput, repatriationPatch, type RepatriationInput } from '../domain/repatriation';
import { dateParams, pageParams } from '../domain/query-params';
import { dateWindow, type DateFilter } from '../domain/date-window';
import { repatriationLayout, repatriationsQuery } from '../store/keys';
import type { ResourceDefinition } from './resource';

export const repatriations: ResourceDefinition<RepatriationInput, DateFilter> = {
  entity: 'repatriations',
  label: 'Repatriation',
  path: '/repatriations',
  input: repatriationInput,
  patch: repatriationPatch,
  normalize: normalizeRepatriation,
  layout: repatriationLayout,
  listParams: z.strictObject({ ...pageParams, ...dateParams }),
  listQuery: (filter) => {
    const window = dateWindow(filter);
    return window === 'empty' ? undefined : repatriationsQuery(window);
  },
};

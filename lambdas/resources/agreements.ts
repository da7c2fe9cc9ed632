import * as z from 'zod/mini';
import { agreementInput, agreementPatch, agreementStatuses, type AgreementInput } from '../domain/agreement';
import { dateParams, pageParams } from '../domain/query-params';
import { dateWindow, type DateFilter } from '../domain/date-window';
import { agreementLayout, agreementsQuery } from '../store/keys';
import type { ResourceDefinition } from './resource';

type AgreementFilter = Pick<DateFilter, 'year'> & { status?: (typeof agreementStatuses)[number] };

export const agreements: ResourceDefinition<AgreementInput, AgreementFilter> = {
  entity: 'agreements',
  label: 'Agreement',
  path: '/agreements',
  input: agreementInput,
  patch: agreementPatch,
  normalize: (input) => input,
  layout: agreementLayout,
  derivedFields: ['progress'],
  needsNoReferences: (_before, after) =>
    after ? undefined : 'Rounds, repatriations or negotiation events name this agreement (their agreementId); change them first',
  listParams: z.strictObject({ ...pageParams, year: dateParams.year, status: z.optional(z.enum(agreementStatuses)) }),
  listQuery: (filter) => {
    const window = dateWindow(filter);
    return window === 'empty' ? undefined : agreementsQuery({ ...window, status: filter.status });
  },
};

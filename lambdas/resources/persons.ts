import * as z from 'zod/mini';
import { personInput, personKinds, personPatch, personSides, personStatuses, type PersonInput } from '../domain/person';
import { categories } from '../domain/fields';
import { pageParams } from '../domain/query-params';
import { personLayout, personsQuery, type PersonFilter } from '../store/keys';
import type { ResourceDefinition } from './resource';

export const persons: ResourceDefinition<PersonInput, PersonFilter> = {
  entity: 'persons',
  label: 'Person',
  path: '/persons',
  input: personInput,
  patch: personPatch,
  normalize: (input) => input,
  layout: personLayout,
  listParams: z.strictObject({
    ...pageParams,
    status: z.optional(z.enum(personStatuses)),
    side: z.optional(z.enum(personSides)),
    kind: z.optional(z.enum(personKinds)),
    category: z.optional(z.enum(categories)),
    roundId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  }),
  listQuery: personsQuery,
};

/**
 * The schemas of the API's answers, as zod, for the OpenAPI document and the contract tests only:
 * no handler imports this module, so no Lambda bundle grows with it. Records are derived from the
 * very input schemas that the handlers validate with, plus the server's fields.
 */
import * as z from 'zod/mini';
import { idPattern } from '../../lambdas/domain/ids';
import { categories } from '../../lambdas/domain/fields';
import { personSides, personStatuses } from '../../lambdas/domain/person';
import type { PersonStats, Stats, Totals } from '../../lambdas/domain/stats';
import type { ErrorCode } from '../../lambdas/http/api-error';
import type { ErrorBody } from '../../lambdas/http/error-response';
import type { ResourceDefinition } from '../../lambdas/resources/resource';

type AnyResource = ResourceDefinition<object, object>;
type Shape = Record<string, z.ZodMiniType>;

/** True when each of A and B is assignable to the other (intersections and object literals alike). */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T => true as T;

export const serverFields = {
  id: z.string().check(z.regex(idPattern)),
  version: z.int().check(z.minimum(1)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

const shapeOf = (schema: z.ZodMiniType): Shape =>
  (schema as unknown as { _zod: { def: { shape: Shape } } })._zod.def.shape;

const unwrapOptional = (schema: z.ZodMiniType): z.ZodMiniType => {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodMiniType } } })._zod.def;
  return def.type === 'optional' && def.innerType ? def.innerType : schema;
};

/**
 * A stored record as answered: `id`, the create body's fields in their order, then `version`,
 * `createdAt`, `updatedAt` (the order of lambdas/resources/field-order.ts). Fields that the
 * resource's `normalize` always sets (e.g. a round's counts, null when undisclosed) are required.
 */
export function recordSchema(resource: AnyResource) {
  const alwaysSet = new Set(Object.keys((resource.normalize as (input: object) => object)({})));
  const fields: Shape = {};
  for (const [name, schema] of Object.entries(shapeOf(resource.input))) {
    fields[name] = alwaysSet.has(name) ? unwrapOptional(schema) : schema;
  }
  return z.strictObject({ id: serverFields.id, ...fields, version: serverFields.version, createdAt: serverFields.createdAt, updatedAt: serverFields.updatedAt });
}

/** A page of a list: the contract's `{ items, nextCursor }`, `null` on the last page. */
export const pageSchema = (item: z.ZodMiniType) => z.strictObject({ items: z.array(item), nextCursor: z.nullable(z.string().check(z.minLength(1))) });

export const auditActions = ['create', 'update', 'delete'] as const;

/** One entry of a record's audit trail; `before`/`after` are the record as it was and became. */
export const auditEntrySchema = (anyRecord: z.ZodMiniType) =>
  z.strictObject({
    action: z.enum(auditActions),
    actor: z.string().check(z.minLength(1)),
    at: z.iso.datetime(),
    before: z.nullable(anyRecord),
    after: z.nullable(anyRecord),
  });

// Statistics, written to match lambdas/domain/stats.ts exactly (checked below at type level).
const tally = () => z.int().check(z.minimum(0));
const totalsShape = {
  rounds: tally(),
  returnedToUkraine: tally(),
  returnedToRussia: tally(),
  civiliansReturnedToUkraine: tally(),
  civiliansReturnedToRussia: tally(),
  roundsUndisclosed: tally(),
  repatriations: tally(),
  bodiesToUkraine: tally(),
  bodiesToRussia: tally(),
};
const tallies = (keys: readonly string[]) => z.strictObject(Object.fromEntries(keys.map((key) => [key, tally()])));

export const totalsSchema = z.strictObject(totalsShape);
export const yearTotalsSchema = z.strictObject({ year: z.int(), ...totalsShape });
export const personStatsSchema = z.strictObject({
  total: tally(),
  byStatus: tallies(personStatuses),
  bySide: tallies(personSides),
  byCategory: tallies(categories),
  awaitingExchange: tally(),
});
export const statsSchema = z.strictObject({
  generatedAt: z.iso.datetime(),
  totals: totalsSchema,
  byYear: z.array(yearTotalsSchema),
  persons: personStatsSchema,
});

agree<Equal<z.infer<typeof totalsSchema>, Totals>>();
agree<Equal<z.infer<typeof personStatsSchema>, PersonStats>>();
agree<Equal<z.infer<typeof statsSchema>, Stats>>();

/** Every code of the contract's error table, in its order; the type check keeps it equal to ErrorCode. */
export const errorCodes = [
  'validation_failed',
  'malformed_json',
  'invalid_cursor',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_reference',
  'throttled',
  'unavailable',
  'internal',
] as const;
agree<Equal<(typeof errorCodes)[number], ErrorCode>>();

export const errorDetailSchema = z.strictObject({ path: z.string(), message: z.string() });
export const errorSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(errorCodes),
    message: z.string().check(z.minLength(1)),
    details: z.optional(z.array(errorDetailSchema).check(z.minLength(1))),
  }),
});
// The answer's shape may be stricter than ErrorBody (codes are an enum), never different in form.
agree<Equal<keyof z.infer<typeof errorSchema>['error'], keyof ErrorBody['error']>>();

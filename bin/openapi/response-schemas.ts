/**
 * The schemas of the API's answers, as zod, for the OpenAPI document and the contract tests only:
 * no handler imports this module, so no Lambda bundle grows with it. Records are derived from the
 * very input schemas that the handlers validate with, plus the server's fields.
 */
import * as z from 'zod/mini';
import { agreementInput } from '../../lambdas/domain/agreement';
import { idPattern } from '../../lambdas/domain/ids';
import { categories } from '../../lambdas/domain/fields';
import { personSides, personStatuses } from '../../lambdas/domain/person';
import type { Range } from '../../lambdas/domain/figures';
import type { Figures, Progress } from '../../lambdas/domain/progress';
import type { AgreementProgress, Latest, PersonStats, Stats, Totals } from '../../lambdas/domain/stats';
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
 * A record as answered: `id`, the create body's fields in their order, the fields the server
 * computes on every answer (the resource's `derivedFields`, always present), then `version`,
 * `createdAt`, `updatedAt` (the order of lambdas/resources/field-order.ts). Fields that the
 * resource's `normalize` always sets (e.g. a round's counts, null when undisclosed) are required.
 * `stored`: the record as the table (and so the audit trail) holds it, without the derived fields.
 */
export function recordSchema(resource: AnyResource, form: 'answered' | 'stored' = 'answered') {
  const alwaysSet = new Set(Object.keys((resource.normalize as (input: object) => object)({})));
  const fields: Shape = {};
  for (const [name, schema] of Object.entries(shapeOf(resource.input))) {
    fields[name] = alwaysSet.has(name) ? unwrapOptional(schema) : schema;
  }
  const derived: Shape = {};
  for (const name of form === 'answered' ? (resource.derivedFields ?? []) : []) {
    const schema = derivedFieldSchemas[name];
    if (!schema) throw new Error(`${resource.label}: no schema for the derived field ${name}: add it to derivedFieldSchemas in bin/openapi/response-schemas.ts`);
    derived[name] = schema;
  }
  return z.strictObject({
    id: serverFields.id,
    ...fields,
    ...derived,
    version: serverFields.version,
    createdAt: serverFields.createdAt,
    updatedAt: serverFields.updatedAt,
  });
}

/** Resources whose answers carry computed fields: their stored form differs from their answers. */
export const hasDerivedFields = (resource: AnyResource): boolean => (resource.derivedFields ?? []).length > 0;

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
/** The sums of each record's lowest and highest stated value of one figure (lambdas/domain/figures.ts). */
export const rangeSchema = z.strictObject({ low: tally(), high: tally() });
export const figureRangesSchema = z.strictObject({
  returnedToUkraine: rangeSchema,
  returnedToRussia: rangeSchema,
  bodiesToUkraine: rangeSchema,
  bodiesToRussia: rangeSchema,
});
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
  roundsWithoutSplit: tally(),
  disputed: tally(),
  ranges: figureRangesSchema,
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

// An agreement's progress, written to match lambdas/domain/progress.ts exactly (checked below).
const figure = () => z.nullable(tally());
export const figuresSchema = z.strictObject({
  prisonersToUkraine: figure(),
  prisonersToRussia: figure(),
  bodiesToUkraine: figure(),
  bodiesToRussia: figure(),
});
/** Distinct stage numbers, ascending (`uniqueItems` in the document: bin/openapi/schemas.ts). */
export const stageList = z.array(z.int().check(z.minimum(1)));
const progressShape = {
  rounds: tally(),
  stages: stageList,
  returnedToUkraine: tally(),
  returnedToRussia: tally(),
  roundsUndisclosed: tally(),
  repatriations: tally(),
  bodiesToUkraine: tally(),
  bodiesToRussia: tally(),
  committed: figuresSchema,
  remaining: figuresSchema,
  firstHandoverOn: z.nullable(z.iso.date()),
  lastHandoverOn: z.nullable(z.iso.date()),
};
export const progressSchema = z.strictObject(progressShape);

/** The schemas of the fields that resources compute on every answer (`derivedFields`), by name. */
export const derivedFieldSchemas: Record<string, z.ZodMiniType> = { progress: progressSchema, disputed: z.boolean() };

// What identifies an agreement in the statistics: its own fields, with the rules of its body.
export const agreementProgressSchema = z.strictObject({
  agreementId: serverFields.id,
  title: agreementInput.shape.title,
  status: agreementInput.shape.status,
  reachedOn: agreementInput.shape.reachedOn,
  ...progressShape,
});
export const latestSchema = z.strictObject({
  roundOn: z.nullable(z.iso.date()),
  repatriationOn: z.nullable(z.iso.date()),
  negotiationOn: z.nullable(z.iso.date()),
  // Not bounded below: nothing keeps a completed round out of the future (a typo), and then it is negative.
  daysSinceRound: z.nullable(z.int()),
});

export const statsSchema = z.strictObject({
  generatedAt: z.iso.datetime(),
  totals: totalsSchema,
  byYear: z.array(yearTotalsSchema),
  persons: personStatsSchema,
  byAgreement: z.array(agreementProgressSchema),
  latest: latestSchema,
});

agree<Equal<z.infer<typeof rangeSchema>, Range>>();
agree<Equal<z.infer<typeof figureRangesSchema>, Totals['ranges']>>();
agree<Equal<z.infer<typeof totalsSchema>, Totals>>();
agree<Equal<z.infer<typeof personStatsSchema>, PersonStats>>();
agree<Equal<z.infer<typeof figuresSchema>, Figures>>();
agree<Equal<z.infer<typeof progressSchema>, Progress>>();
agree<Equal<z.infer<typeof latestSchema>, Latest>>();
agree<Equal<z.infer<typeof agreementProgressSchema>, AgreementProgress>>();
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

/**
 * The schemas of the API's answers, as zod, for the OpenAPI document and the contract tests only:
 * no handler imports this module, so no Lambda bundle grows with it. Records are derived from the
 * very input schemas that the handlers validate with, plus the server's fields.
 */
import * as z from 'zod/mini';
import { agreementInput } from '../../lambdas/domain/agreement';
import { idPattern } from '../../lambdas/domain/ids';
import { categories } from '../../lambdas/domain/fields';
import { personInput, personSides, personStatuses } from '../../lambdas/domain/person';
import { MAX_ENTRIES, outcomes, reconciliationInput, listEntry, type EntryReport, type OmittedPerson, type Summary } from '../../lambdas/domain/reconciliation';
import type { Agreed } from '../../lambdas/domain/matching';
import type { Range } from '../../lambdas/domain/figures';
import type { Figures, Progress } from '../../lambdas/domain/progress';
import type { AgreementProgress, Latest, PersonStats, Stats, Totals } from '../../lambdas/domain/stats';
import type { ErrorCode } from '../../lambdas/http/api-error';
import type { ErrorBody } from '../../lambdas/http/error-response';
import type { ResourceDefinition } from '../../lambdas/resources/resource';
import type { Reconciliation as StoredReconciliation } from '../../lambdas/service/reconcile';

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

// A reconciliation's report, written to match lambdas/http/reconciliation-routes.ts (present,
// presentEntry, presentOmitted) and the domain's types exactly (checked below). Not a resource
// definition: no PATCH, no derived fields; its answers are the report, not the record as stored.
/** What agreed between an entry and a person, in this order (lambdas/domain/matching/score.ts). */
export const agreedFields = ['name', 'dateOfBirth', 'serviceNumber'] as const;
/** Distinct, in the order of agreedFields (`uniqueItems` in the document: bin/openapi/schemas.ts). */
export const agreedList = z.array(z.enum(agreedFields)).check(z.maxLength(agreedFields.length));
/** lambdas/domain/matching/person-index.ts keeps at most this many candidates (its MAX_CANDIDATES, not exported). */
export const MAX_CANDIDATES = 5;
const score = () => z.number().check(z.minimum(0), z.maximum(1));
const personFullName = personInput.shape.fullName;

export const summarySchema = z.strictObject({
  entries: z.int().check(z.minimum(1), z.maximum(MAX_ENTRIES)),
  matched: z.int().check(z.minimum(0), z.maximum(MAX_ENTRIES)),
  possible: z.int().check(z.minimum(0), z.maximum(MAX_ENTRIES)),
  unknown: z.int().check(z.minimum(0), z.maximum(MAX_ENTRIES)),
  omitted: tally(),
  missingFound: z.int().check(z.minimum(0), z.maximum(MAX_ENTRIES)),
});
const reportShape = {
  id: serverFields.id,
  title: reconciliationInput.shape.title,
  receivedFrom: reconciliationInput.shape.receivedFrom,
  receivedOn: reconciliationInput.shape.receivedOn,
  listOf: reconciliationInput.shape.listOf,
  createdAt: serverFields.createdAt,
  version: serverFields.version,
  summary: summarySchema,
};
/** A report as answered (`present`). */
export const reconciliationSchema = z.strictObject(reportShape);
/** A report as its item, and so its audit trail, holds it: the answer's fields and `updatedAt`. */
export const storedReconciliationSchema = z.strictObject({ ...reportShape, updatedAt: serverFields.updatedAt });
export const matchSchema = z.strictObject({ personId: serverFields.id, score: score(), agreed: agreedList });
export const candidateSchema = z.strictObject({ personId: serverFields.id, fullName: personFullName, score: score(), agreed: agreedList });
export const reconciliationEntrySchema = z.strictObject({
  index: z.int().check(z.minimum(0), z.maximum(MAX_ENTRIES - 1)),
  ref: listEntry.shape.ref,
  fullName: listEntry.shape.fullName,
  dateOfBirth: listEntry.shape.dateOfBirth,
  serviceNumber: listEntry.shape.serviceNumber,
  kind: listEntry.shape.kind,
  outcome: z.enum(outcomes),
  match: z.nullable(matchSchema),
  candidates: z.array(candidateSchema).check(z.maxLength(MAX_CANDIDATES)),
});
/** Only held persons are omitted (lambdas/domain/reconciliation.ts `omittedFrom`). */
export const omittedPersonSchema = z.strictObject({ personId: serverFields.id, fullName: personFullName, status: z.enum(['held']) });

agree<Equal<(typeof agreedFields)[number], Agreed>>();
agree<Equal<z.infer<typeof summarySchema>, Summary>>();
agree<Equal<z.infer<typeof reconciliationSchema>, Omit<StoredReconciliation, 'updatedAt'>>>();
agree<Equal<z.infer<typeof storedReconciliationSchema>, StoredReconciliation>>();
agree<Equal<z.infer<typeof reconciliationEntrySchema>, EntryReport>>();
// The domain types the status as any string; only `held` is ever omitted.
agree<Equal<Omit<z.infer<typeof omittedPersonSchema>, 'status'>, Omit<OmittedPerson, 'status'>>>();
agree<z.infer<typeof omittedPersonSchema> extends OmittedPerson ? true : false>();

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

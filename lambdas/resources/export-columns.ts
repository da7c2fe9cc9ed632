/**
 * The fixed columns of a resource's CSV export, so that an empty collection still answers its
 * header row and every file of one export has the same columns: the record's fields in answer order
 * (field-order.ts: id, the schema's fields, the derived fields, the bookkeeping), each object field
 * of the schema flattened with dots (`returnedToUkraine.total`), each derived field by a sample of
 * its value (`progress.committed.prisonersToUkraine`). Lists stay one column.
 */
import { columnsOfSample } from '../domain/csv';
import { fieldOrderOf } from './field-order';
import type { Schema } from './resource';

interface Def {
  readonly type: string;
  readonly innerType?: Schema<unknown>;
  readonly shape?: Record<string, Schema<unknown>>;
}
const defOf = (schema: Schema<unknown>): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The leaves of a schema field: an object (a Count, optional or nullable) gives one column per key. */
function schemaColumns(schema: Schema<unknown>, name: string): string[] {
  const def = defOf(schema);
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) return schemaColumns(def.innerType, name);
  if (def.type === 'object' && def.shape) return Object.entries(def.shape).flatMap(([key, inner]) => schemaColumns(inner, `${name}.${key}`));
  return [name];
}

/**
 * `derived` gives a sample value of each derived field (its keys are what matter); a derived field
 * without one stops the load, so a new computed field cannot go missing from the export unnoticed.
 */
export function exportColumns(input: Schema<unknown>, derived: Readonly<Record<string, unknown>> = {}, derivedFields: readonly string[] = []): string[] {
  const shape = defOf(input).shape ?? {};
  return fieldOrderOf(input, derivedFields).flatMap((field) => {
    if (Object.hasOwn(shape, field)) return schemaColumns(shape[field]!, field);
    if (derivedFields.includes(field)) {
      if (!Object.hasOwn(derived, field)) throw new Error(`The export has no sample of the derived field ${field}`);
      return columnsOfSample(derived[field], field);
    }
    return [field];
  });
}

/**
 * Answers list a record's fields in a fixed order (id, the schema's fields, then the server's
 * bookkeeping; fields the server computes go before the bookkeeping), whatever order DynamoDB returns attributes in: diffs and eyes read them better.
 */
import type { Schema } from './resource';

export function fieldOrderOf(schema: Schema<unknown>, derived: readonly string[] = []): readonly string[] {
  const shape = (schema as unknown as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def.shape ?? {};
  return ['id', ...Object.keys(shape), ...derived, 'version', 'createdAt', 'updatedAt'];
}

export function inFieldOrder<T extends object>(record: T, order: readonly string[]): T {
  const source = record as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const field of order) if (field in source) ordered[field] = source[field];
  for (const field of Object.keys(source)) if (!(field in ordered)) ordered[field] = source[field];
  return ordered as T;
}

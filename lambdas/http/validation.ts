/** Validation of path, query and body with the route's zod schemas; every bad field is named. */
import { validationFailed, type ErrorDetail } from './api-error';
import { issuesToDetails } from '../domain/issues';
import type * as z from 'zod/mini';
import type { RegistryEvent } from './event';

type Schema<T> = z.ZodMiniType<T>;

export function parseWith<T>(schema: Schema<T>, input: unknown, prefix: string): { value?: T; details: ErrorDetail[] } {
  const result = schema.safeParse(input);
  return result.success ? { value: result.data, details: [] } : { details: issuesToDetails(result.error.issues, prefix) };
}

/**
 * A map from names the caller chose (query parameters, headers) with no prototype: `__proto__`,
 * `constructor` or `toString` are then names like any other, never Object's own properties.
 */
export const callerNamedMap = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Query parameters, refusing repeats (`?a=1&a=2`): a list is never what a single filter means. */
export function queryParameters(event: RegistryEvent): { values: Record<string, string>; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    if (values && values.length > 1) details.push({ path: `query.${name}`, message: 'Given more than once' });
  }
  const values = callerNamedMap<string>();
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) values[name] = value;
  }
  return { values, details };
}

export function failIfAny(details: ErrorDetail[]): void {
  if (details.length > 0) throw validationFailed(details);
}

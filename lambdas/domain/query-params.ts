/** Query-string fields: strings in, typed values out, with the contract's bounds. */
import * as z from 'zod/mini';
import { isoDate } from './fields';

const integerParam = (min: number, max: number) =>
  z.pipe(
    z.pipe(z.string().check(z.regex(/^-?\d{1,9}$/, 'Must be an integer')), z.transform(Number)),
    z.int().check(z.minimum(min), z.maximum(max)),
  );

export const pageParams = {
  limit: z.optional(integerParam(1, 100)),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
};

export const dateParams = {
  year: z.optional(integerParam(1900, 2100)),
  from: z.optional(isoDate()),
  to: z.optional(isoDate()),
};

export const DEFAULT_PAGE_SIZE = 25;

/** Field types that several records share, with the contract's rules. */
import './zod';
import * as z from 'zod/mini';

export const categories = [
  'severely_wounded',
  'seriously_ill',
  'held_since_2022',
  'young_soldiers',
  'women',
  'civilians',
  'medics',
  'journalists',
  'officers',
  'convicted',
  'other',
] as const;
export type Category = (typeof categories)[number];

export const isoDate = () => z.iso.date();
export const text = (max: number) => z.string().check(z.maxLength(max));
export const nonNegativeInt = () => z.int().check(z.minimum(0));

export const categoryList = z.array(z.enum(categories)).check(
  z.refine((list) => new Set(list).size === list.length, { message: 'Categories must be unique' }),
);

export const source = z.strictObject({
  // Any host the URL standard accepts: Cyrillic domains (мвд.рф) and their punycode are real sources.
  url: z.url({ protocol: /^https?$/ }),
  publisher: z.optional(text(200)),
  claim: z.optional(text(1000)),
});
export type Source = z.infer<typeof source>;
export const sourceList = z.array(source).check(z.maxLength(50));

/** `{ total, military?, civilians? }`: parts never exceed the total, and two parts sum to it. */
export const count = z.strictObject({
  total: nonNegativeInt(),
  military: z.optional(nonNegativeInt()),
  civilians: z.optional(nonNegativeInt()),
}).check(
  z.superRefine((value, ctx) => {
    for (const part of ['military', 'civilians'] as const) {
      const n = value[part];
      if (n !== undefined && n > value.total) {
        ctx.issues.push({ code: 'custom', input: value, path: [part], message: `${part} cannot exceed total` });
      }
    }
    if (value.military !== undefined && value.civilians !== undefined && value.military + value.civilians !== value.total) {
      ctx.issues.push({ code: 'custom', input: value, path: ['total'], message: 'military + civilians must equal total' });
    }
  }),
);
export type Count = z.infer<typeof count>;

/** Fields the server sets on every record; never accepted from a client. */
export interface ServerFields {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type Shape = Record<string, z.core.SomeType>;
type InputShape<S extends Shape, R extends keyof S> = { [K in keyof S]: K extends R ? S[K] : z.ZodMiniOptional<S[K]> };
type PatchShape<S extends Shape, R extends keyof S> = {
  [K in keyof S]: K extends R ? z.ZodMiniOptional<S[K]> : z.ZodMiniOptional<z.ZodMiniNullable<S[K]>>;
};

/**
 * The two body schemas of a record from one list of fields: the create body (required fields as
 * given, the rest optional) and the PATCH body (everything optional; `null` clears an optional
 * field, a required one cannot be cleared). Unknown fields are refused by both.
 */
export function bodySchemas<S extends Shape, R extends keyof S & string>(shape: S, required: readonly R[]) {
  const isRequired = (key: string) => (required as readonly string[]).includes(key);
  const input = {} as Record<string, z.core.SomeType>;
  const patch = {} as Record<string, z.core.SomeType>;
  for (const [key, schema] of Object.entries(shape)) {
    input[key] = isRequired(key) ? schema : z.optional(schema);
    patch[key] = isRequired(key) ? z.optional(schema) : z.optional(z.nullable(schema));
  }
  return {
    input: z.strictObject(input as InputShape<S, R>),
    patch: z.strictObject(patch as PatchShape<S, R>),
  };
}

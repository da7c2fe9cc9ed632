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

/**
 * Every date of the registry lies between 1900 and 2100, the years the lists' `?year=` accepts:
 * an earlier or later one is a typo (2205 for 2025), never an exchange or a birth.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';
export const isoDate = () =>
  z.iso.date().check(
    // Only a well-formed date is compared: a malformed one already has its message.
    z.refine((date) => !/^\d{4}-\d{2}-\d{2}$/.test(date) || (date >= EARLIEST_DATE && date <= LATEST_DATE), {
      message: `Must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
      // One message per field: a date out of range needs no "after today" besides.
      abort: true,
    }),
  );

// C0 and C1 control characters, DEL included; a paragraph may keep tabs and line breaks.
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;
const controlCharacterButLayout = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** UTF-16 with no lone surrogate: what DynamoDB stores as UTF-8 and every client can read back. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = z.refine<string>((value) => !loneSurrogate.test(value), { message: 'Contains an unpaired surrogate (not valid Unicode)' });

/** One line of text (a name, a rank, a place): trimmed, no control characters; blank only if `min` is 0. */
export const text = (max: number, min = 0) =>
  z.string().check(
    z.trim(),
    ...(min > 0 ? [z.minLength(min, 'Must not be empty or only spaces')] : []),
    z.maxLength(max),
    z.refine((value) => !controlCharacter.test(value), { message: 'Must not contain control characters' }),
    wellFormed,
  );

/** Free text (notes, a source's claim): tabs and line breaks allowed, other control characters not. */
export const paragraph = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.refine((value) => !controlCharacterButLayout.test(value), { message: 'Must not contain control characters other than tab and line breaks' }),
    wellFormed,
  );
export const nonNegativeInt = () => z.int().check(z.minimum(0));

/** The id of another record that this one names; whether it exists is the store's check, in the write's transaction. */
export const referenceId = () => z.string().check(z.minLength(1), z.maxLength(64));

export const categoryList = z.array(z.enum(categories)).check(
  z.refine((list) => new Set(list).size === list.length, { message: 'Categories must be unique' }),
);

/** Whose statement a source is. */
export const sourceSides = ['ukraine', 'russia', 'mediator', 'independent'] as const;

const sourceShape = {
  // Any host the URL standard accepts: Cyrillic domains (мвд.рф) and their punycode are real sources.
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
  publisher: z.optional(text(200)),
  side: z.optional(z.enum(sourceSides)),
  claim: z.optional(paragraph(1000)),
};

/** Where a fact was published (an agreement's, a negotiation event's): no figures of its own. */
export const source = z.strictObject(sourceShape);
export type Source = z.infer<typeof source>;
export const sourceList = z.array(source).check(z.maxLength(50));

/**
 * The source of a record with figures: it may state the figures it gives (`names`, each optional),
 * which may differ from the record's headline figures and from other sources'.
 */
export function figureSourceList<const N extends string>(names: readonly N[]) {
  const figures = z.strictObject(Object.fromEntries(names.map((name) => [name, z.optional(nonNegativeInt())])) as Record<N, z.ZodMiniOptional<z.ZodMiniInt>>);
  const stated = z.strictObject({ ...sourceShape, figures: z.optional(figures) });
  return { figures, source: stated, list: z.array(stated).check(z.maxLength(50)) };
}

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

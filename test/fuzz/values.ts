/**
 * The scalars that break parsers, validators, key builders and serialisers: each list names the
 * failure it aims at, so a new entry has a reason to be there.
 */
import fc from 'fast-check';

/**
 * JSON that JSON.stringify cannot write (-0, 1e400, 1.0, nesting deeper than its stack): a
 * placeholder string, swapped for its text by `toJsonText`.
 */
const RAW = '\u0000RAW:';
export const rawJson = (text: string): string => `${RAW}${Buffer.from(text).toString('base64url')}`;
export const toJsonText = (value: unknown): string =>
  JSON.stringify(value).replace(/"\\u0000RAW:([\w-]*)"/g, (_, text: string) => Buffer.from(text, 'base64url').toString());

/** Names that are Object's own properties, or that a store could read as structure. */
export const prototypeNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

/** Unicode that is valid but awkward (RTL, combining, zero-width, astral), and that is not (lone surrogates). */
const unicode = [
  '\uD800', '\uDFFF', 'a\uDC00b', '\uDBFF\uDBFF', // lone surrogates: no UTF-8 form, DynamoDB and clients choke
  '\u202Eevil\u202C', '\u200F\u05E9\u05DC\u05D5\u05DD', 'مرحبا بالعالم', // bidi overrides and RTL scripts
  'e\u0301\u0301\u0301', '\u200B', '\uFEFF', '\u2028\u2029', // combining marks, zero-width, JS line separators
  '😀👩‍👩‍👧‍👦', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Олександр Мар\'яненко', '１２３', '٣٤٥', // astral, fullwidth and Arabic-Indic digits
  '\uFFFD', '\uFFFF', '\u{10FFFF}',
];

/** C0/C1 controls and NUL, which a name field refuses and a paragraph half-allows. */
const controls = ['\u0000', 'a\u0000b', '\u0007', '\u001b[31mred', '\r\n', '\t', '\u0085', '\u007f', '\u009f', 'line\nbreak'];

/** What a key builder, a cursor or a query language could take for structure. */
const structural = [
  '', ' ', '   ', '#', 'ROUND#', 'PERSON#x#y', 'AGREEMENT#01JVD7QJ3RM4X8Z2C6T9W1BQ5E', '~', '..', '../..', '/', '%', '%00', '%2F',
  "' OR 1=1 --", '${7*7}', '{{7*7}}', '<script>alert(1)</script>', 'null', 'undefined', 'true', '[]', '{}', '\\', '"',
  ...prototypeNames,
];

/** Numbers in strings: what `Number()`, a regex or a date parser reads differently. */
const numeric = ['0', '-0', '1', '-1', '1.5', '1e2', '1e308', '1e309', 'NaN', 'Infinity', '-Infinity', '0x10', ' 5', '5 ', '9007199254740993', '00001', '+1'];

/** Dates at and past the edges of `isoDate` (1900–2100, real days only). */
export const dates = [
  '2025-05-23', '2024-02-29', '2025-02-29', '2025-02-30', '2025-13-01', '2025-00-10', '0000-01-01', '1899-12-31', '1900-01-01',
  '2100-12-31', '2101-01-01', '9999-12-31', '2025-1-1', '20250523', '2025-05-23T00:00:00Z', '+002025-05-23', ' 2025-05-23', '2025-05-23\u0000',
];

/** Long strings around the limits: 200 and 4000 chars (fields), 2048 (cursor, URL), 64 KiB (body). */
const huge = () =>
  fc.constantFrom(200, 201, 2048, 2049, 4001, 70_000).chain((n) =>
    fc.constantFrom('x', 'я', '😀', ' ', '\u0000').map((unit) => unit.repeat(Math.ceil(n / unit.length))),
  );

export const nastyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...unicode, ...controls, ...structural, ...numeric, ...dates) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...unicode, ...controls), fc.string({ maxLength: 10 })).map(([a, b]) => b + a + b) },
    { weight: 1, arbitrary: huge() },
  );

/** Numbers at the edges of integers, doubles and JSON itself. */
export const nastyNumber = (): fc.Arbitrary<number | string> =>
  fc.oneof(
    fc.constantFrom<number | string>(
      0, -1, 1, 0.5, -0.5, 2 ** 31, -(2 ** 31), 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -Number.MAX_SAFE_INTEGER - 1,
      1e21, 1e308, -1e308, Number.MIN_VALUE, Number.EPSILON,
      rawJson('-0'), rawJson('1e400'), rawJson('-1e400'), rawJson('1.0'), rawJson('1e2'), rawJson('1E-400'),
      rawJson('100000000000000000000000000000000000001'), rawJson('0.1e1'),
    ),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

/** Values of the other JSON types, for a field that wants one type. */
export const wrongTypes = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], { '': '' }),
    nastyString(),
    nastyNumber(),
  );

/** `depth` arrays or objects, one in another: as raw text, since JSON.stringify overflows its stack near 5,000. */
export const nested = (depth: number, kind: 'array' | 'object'): string =>
  rawJson(kind === 'array' ? `${'['.repeat(depth)}0${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`);

/** Objects whose keys are prototype names, set as own enumerable properties so JSON.stringify writes them. */
export function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

export const nastyStructure = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(100, 5000, 30_000).chain((d) => fc.constantFrom('array' as const, 'object' as const).map((k) => nested(k === 'object' ? Math.min(d, 10_000) : d, k))),
    fc.constantFrom(51, 2001, 20_000).map((n) => Array.from({ length: n }, () => ({}))),
    fc.constantFrom(...prototypeNames).chain((key) => wrongTypes().map((v) => withKey({}, key, v))),
    fc.dictionary(nastyString().filter((s) => s.length < 100), wrongTypes(), { maxKeys: 4 }),
  );

/** Any value a field could be given in place of its own. */
export const nastyValue = (): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 5, arbitrary: wrongTypes() }, { weight: 1, arbitrary: nastyStructure() });

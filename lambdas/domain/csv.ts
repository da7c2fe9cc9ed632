/**
 * The CSV exports' text: records flattened to a fixed list of columns, one row each, written as
 * RFC 4180 (fields quoted where they hold a comma, a quote or a line break, quotes doubled, CRLF
 * line ends, a header row of the column names). Free of AWS; what the columns are is each
 * export's business (lambdas/resources/export-columns.ts).
 *
 * The quoting is csv-stringify's sync API (about 11 KB minified in a bundle): a well-kept writer
 * rather than a hand-made one. Every cell reaches it already as a string, so none of its casts
 * (a boolean as `1` or empty, a date as a number) apply.
 */
import { stringify } from 'csv-stringify/sync';

/** Between the items of a list in one cell (`mediators`, `categories`, `sources`, `progress.stages`). */
export const LIST_SEPARATOR = ' ; ';

/**
 * A column per leaf of a sample value: nested objects flatten with dots (`committed.bodiesToUkraine`);
 * an array, a scalar or null is one column.
 */
export function columnsOfSample(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => columnsOfSample(inner, prefix ? `${prefix}.${key}` : key));
}

/** The value at a dotted column of a record; undefined where any step is absent or null. */
export function valueAt(record: unknown, column: string): unknown {
  let current: unknown = record;
  for (const step of column.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

const isSourceList = (column: string) => column === 'sources' || column.endsWith('.sources');

/** One item of a list: a scalar as text; an object (an agreement's commitment) as compact JSON, whose keys say what each number is. */
function itemText(item: unknown): string {
  if (item === null || item === undefined) return '';
  return typeof item === 'object' ? JSON.stringify(item) : String(item);
}

/**
 * A cell: empty for null or absent; numbers and booleans as JSON writes them (`1200`, `true`);
 * text as it is (line breaks included: the writer quotes it); a list joined with ` ; `, a list of
 * sources as their URLs.
 */
export function cellOf(value: unknown, column: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const items = isSourceList(column) ? value.map((source: { url?: unknown }) => itemText(source?.url)) : value.map(itemText);
    return items.join(LIST_SEPARATOR);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export const rowOf = (record: object, columns: readonly string[]): string[] => columns.map((column) => cellOf(valueAt(record, column), column));

/** The whole file: the header row, then one row per record, each line ended by CRLF. */
export function toCsv(columns: readonly string[], records: readonly object[]): string {
  return stringify([[...columns], ...records.map((record) => rowOf(record, columns))], {
    record_delimiter: 'windows',
    // The writer quotes a field holding its record delimiter (CRLF); a lone LF or CR in a note must
    // be quoted too, or a reader that splits lines on either (a spreadsheet) breaks the row there.
    quoted_match: /[\r\n]/,
  });
}

/** The exports' flattening and quoting (lambdas/domain/csv.ts) and their columns (lambdas/resources/export-columns.ts), read back by csv-parse. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { cellOf, columnsOfSample, rowOf, toCsv, valueAt } from '../../lambdas/domain/csv';
import { exportColumns } from '../../lambdas/resources/export-columns';
import { csvExports } from '../../lambdas/service/exports';

const readBack = (text: string) => parse(text, { record_delimiter: '\r\n', relax_quotes: false }) as string[][];

describe('cells', () => {
  it('are empty for null and absent, and keep an empty string empty', () => {
    expect(cellOf(null, 'notes')).toBe('');
    expect(cellOf(undefined, 'notes')).toBe('');
    expect(cellOf('', 'notes')).toBe('');
  });

  it('write numbers and booleans as JSON does, zero and false included', () => {
    expect(cellOf(0, 'stage')).toBe('0');
    expect(cellOf(1200, 'stage')).toBe('1200');
    expect(cellOf(false, 'disputed')).toBe('false');
    expect(cellOf(true, 'disputed')).toBe('true');
  });

  it('join lists with " ; ", sources as their URLs, objects of a list as compact JSON', () => {
    expect(cellOf(['women', 'civilians'], 'categories')).toBe('women ; civilians');
    expect(cellOf([], 'categories')).toBe('');
    expect(cellOf([1, 2, 3], 'progress.stages')).toBe('1 ; 2 ; 3');
    const sources = [
      { url: 'https://example.org/a', publisher: 'A', figures: { returnedToUkraine: 1 } },
      { url: 'https://мвд.рф/b', side: 'russia' },
    ];
    expect(cellOf(sources, 'sources')).toBe('https://example.org/a ; https://мвд.рф/b');
    expect(cellOf([{ kind: 'bodies', toUkraine: 6000 }], 'commitments')).toBe('{"kind":"bodies","toUkraine":6000}');
  });

  it('read dotted columns through nested objects, and stop at null', () => {
    const round = { returnedToUkraine: { total: 390, military: 270 }, returnedToRussia: null, progress: { committed: { prisonersToUkraine: 0 } } };
    expect(valueAt(round, 'returnedToUkraine.total')).toBe(390);
    expect(valueAt(round, 'returnedToUkraine.civilians')).toBeUndefined();
    expect(valueAt(round, 'returnedToRussia.total')).toBeUndefined();
    expect(valueAt(round, 'progress.committed.prisonersToUkraine')).toBe(0);
    expect(rowOf(round, ['returnedToUkraine.total', 'returnedToUkraine.civilians', 'returnedToRussia.total', 'progress.committed.prisonersToUkraine'])).toEqual(['390', '', '', '0']);
  });
});

describe('the file', () => {
  it('is a header row and CRLF-ended rows, quoting only what needs it (RFC 4180)', () => {
    const records = [
      { a: 'plain', b: 'with, comma' },
      { a: 'with "quotes"', b: 'line\nbreak' },
      { a: 'crlf\r\ninside', b: 'cr\ralone' },
      { a: ' spaces kept ', b: 'Олександр; Сергій ✓' },
    ];
    const text = toCsv(['a', 'b'], records);
    expect(text).toBe(
      'a,b\r\n' +
        'plain,"with, comma"\r\n' +
        '"with ""quotes""","line\nbreak"\r\n' +
        '"crlf\r\ninside","cr\ralone"\r\n' +
        ' spaces kept ,Олександр; Сергій ✓\r\n',
    );
    expect(readBack(text)).toEqual([['a', 'b'], ...records.map((record) => [record.a, record.b])]);
  });

  it('answers the header row alone for no records', () => {
    expect(toCsv(['id', 'returnedToUkraine.total'], [])).toBe('id,returnedToUkraine.total\r\n');
  });

  it('reads back as written, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.oneof(fc.constantFrom(',', '"', '\r\n', '\n', '\r', ' ; ', ''), fc.string()))), (pairs) => {
        const records = pairs.map(([a, b]) => ({ a, b }));
        const text = toCsv(['a', 'b'], records);
        // Outside quoted fields, no line break but the CRLF that ends each row.
        expect(text.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        expect(readBack(text)).toEqual([['a', 'b'], ...pairs]);
      }),
    );
  });
});

describe('columns', () => {
  it('flatten a sample: objects with dots, lists and scalars one column each', () => {
    expect(columnsOfSample({ rounds: 0, stages: [], committed: { a: null, b: 1 }, ranges: { x: { low: 0, high: 0 } } }, 'progress')).toEqual([
      'progress.rounds',
      'progress.stages',
      'progress.committed.a',
      'progress.committed.b',
      'progress.ranges.x.low',
      'progress.ranges.x.high',
    ]);
  });

  it('come from the schema in answer order: optional and nullable objects flattened, derived fields by their sample', () => {
    const schema = z.strictObject({ date: z.string(), count: z.optional(z.nullable(z.strictObject({ total: z.number(), military: z.optional(z.number()) }))), tags: z.optional(z.array(z.string())) });
    expect(exportColumns(schema, { progress: { n: 0, inner: { m: null } } }, ['progress'])).toEqual([
      'id', 'date', 'count.total', 'count.military', 'tags', 'progress.n', 'progress.inner.m', 'version', 'createdAt', 'updatedAt',
    ]);
    expect(() => exportColumns(schema, {}, ['progress'])).toThrow(/no sample of the derived field progress/);
  });

  it('of each export are the contract\'s', () => {
    expect(csvExports.rounds.columns).toEqual([
      'id', 'date', 'status', 'agreement', 'agreementId', 'stage', 'mediator', 'location',
      'returnedToUkraine.total', 'returnedToUkraine.military', 'returnedToUkraine.civilians',
      'returnedToRussia.total', 'returnedToRussia.military', 'returnedToRussia.civilians',
      'categories', 'sources', 'notes', 'disputed', 'version', 'createdAt', 'updatedAt',
    ]);
    expect(csvExports.repatriations.columns).toEqual([
      'id', 'date', 'bodiesToUkraine', 'bodiesToRussia', 'agreementId', 'mediator', 'location', 'sources', 'notes', 'disputed', 'version', 'createdAt', 'updatedAt',
    ]);
    expect(csvExports.agreements.columns).toEqual(expect.arrayContaining(['progress.committed.prisonersToUkraine', 'progress.remaining.bodiesToRussia', 'progress.stages', 'commitments']));
    expect(csvExports.negotiations.columns).toEqual(['id', 'date', 'kind', 'title', 'venue', 'mediator', 'agreementId', 'outcome', 'sources', 'notes', 'version', 'createdAt', 'updatedAt']);
    expect(csvExports.stats.columns.slice(0, 2)).toEqual(['year', 'rounds']);
    expect(csvExports.stats.columns).toEqual(expect.arrayContaining(['ranges.returnedToUkraine.low', 'ranges.bodiesToRussia.high', 'roundsWithoutSplit', 'disputed']));
    // No personal data: no field of a person is a column of any export.
    for (const { columns } of Object.values(csvExports)) expect(columns.filter((column) => /fullName|dateOfBirth|serviceNumber|rank|unit/.test(column))).toEqual([]);
  });
});

/**
 * The CSV exports against DynamoDB Local, read back with a real CSV parser (csv-parse): the
 * header row, then every record of the list route in its order, field by field (flattened by the
 * rules of the contract, written out again here rather than imported), RFC 4180 line ends and
 * quoting, the headers of a file to save, an empty registry's header row, and the statistics equal
 * to `GET /stats`. No export holds a person.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_PAGE_SIZE } from '../../lambdas/service/exports';
import { startLocalApi, type LocalApi, type TestResponse } from '../support/local-api';
import { agreement, completedRound, negotiationEvent, person, plannedRound, repatriation } from '../support/fixtures';
import { walkPages } from '../support/pages';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

type Json = Record<string, any>;
const collections = ['rounds', 'repatriations', 'agreements', 'negotiations'] as const;
const names = [...collections, 'stats'] as const;
type Name = (typeof names)[number];

/** The columns the contract asks for, spelled out: the nested fields flattened with dots. */
const someColumns: Record<Name, string[]> = {
  rounds: ['id', 'date', 'status', 'agreementId', 'stage', 'returnedToUkraine.total', 'returnedToUkraine.military', 'returnedToUkraine.civilians', 'returnedToRussia.total', 'categories', 'sources', 'notes', 'disputed', 'version', 'createdAt', 'updatedAt'],
  repatriations: ['id', 'date', 'bodiesToUkraine', 'bodiesToRussia', 'agreementId', 'sources', 'disputed'],
  agreements: ['id', 'title', 'reachedOn', 'mediators', 'status', 'commitments', 'sources', 'progress.rounds', 'progress.stages', 'progress.committed.prisonersToUkraine', 'progress.remaining.bodiesToRussia', 'progress.firstHandoverOn'],
  negotiations: ['id', 'date', 'kind', 'title', 'venue', 'mediator', 'agreementId', 'outcome', 'sources', 'notes'],
  stats: ['year', 'rounds', 'returnedToUkraine', 'roundsUndisclosed', 'bodiesToRussia', 'roundsWithoutSplit', 'disputed', 'ranges.returnedToUkraine.low', 'ranges.returnedToUkraine.high', 'ranges.bodiesToRussia.high'],
};

/** An answer of an export, checked as a file: status, headers, CRLF line ends; its rows as the parser reads them. */
async function exported(name: Name): Promise<{ answer: TestResponse; header: string[]; rows: string[][] }> {
  const answer = await api.request('GET', `/exports/${name}.csv`);
  expect(answer.status, answer.text).toBe(200);
  expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${name}.csv"`);
  expect(answer.headers.get('x-request-id')).toBeTruthy();
  // Outside quoted fields, every line ends with CRLF, the last one included; no bare CR or LF.
  const unquoted = answer.text.replace(/"(?:[^"]|"")*"/g, '""');
  expect(unquoted.endsWith('\r\n'), JSON.stringify(answer.text.slice(-50))).toBe(true);
  expect(unquoted).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  expect(answer.text.charCodeAt(0), 'no byte order mark').not.toBe(0xfeff);
  // Strict: a quote inside an unquoted field, or rows of different lengths, fail the parse.
  const records = parse(answer.text, { record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as string[][];
  const [header, ...rows] = records;
  expect(header).toEqual(expect.arrayContaining(someColumns[name]));
  expect(new Set(header).size).toBe(header!.length);
  return { answer, header: header!, rows };
}

/** The contract's flattening, written again: a dotted column's value; lists joined with ` ; `, sources as URLs; null or absent empty. */
function expectedCell(record: Json, column: string): string {
  let value: any = record;
  for (const step of column.split('.')) value = value === null || value === undefined ? undefined : value[step];
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value.map((item) => (column === 'sources' ? item.url : typeof item === 'object' ? JSON.stringify(item) : String(item))).join(' ; ');
  }
  if (typeof value === 'object') throw new Error(`${column} is an object: the export would lose its fields`);
  return String(value);
}

/** Every leaf path of a record (objects flattened, lists one leaf): each must be a column, or the export drops a field. */
function leavesOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => leavesOf(inner, prefix ? `${prefix}.${key}` : key));
}

function expectRowsToBe(name: Name, header: string[], rows: string[][], records: Json[]): void {
  expect(rows.map((row) => row[0]), `${name}: the records, in order`).toEqual(records.map((record) => (name === 'stats' ? String(record.year) : record.id)));
  records.forEach((record, i) => {
    for (const leaf of leavesOf(record)) {
      // A null object (an undisclosed Count) is the empty cells of its fields' columns.
      const covered = header.includes(leaf) || header.some((column) => column.startsWith(`${leaf}.`));
      expect(covered, `${name}: ${leaf} of ${record.id ?? record.year} has a column`).toBe(true);
    }
    const expected = Object.fromEntries(header.map((column) => [column, expectedCell(record, column)]));
    const got = Object.fromEntries(header.map((column, j) => [column, rows[i]![j]]));
    expect(got, `${name} row ${i + 1}`).toEqual(expected);
  });
}

const create = (path: string, body: unknown) => api.create<Json>(path, body);

/** A field with a comma, a quote, a line break and Cyrillic: what the writer must quote. */
const awkward = 'Обмін, "1000 на 1000"\nдругий рядок; ще';

describe('the exports of an empty registry', () => {
  it.each(collections)('%s.csv: the header row alone', async (name) => {
    const { answer, rows } = await exported(name);
    expect(rows).toEqual([]);
    expect(answer.text.split('\r\n')).toHaveLength(2);
  });

  it('stats.csv: no year, a total row of zeros', async () => {
    const { header, rows } = await exported('stats');
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe('total');
    expect(rows[0]!.slice(1)).toEqual(header.slice(1).map(() => '0'));
  });
});

describe('the exports of a registry', () => {
  const made = {} as Record<'deal' | 'bare' | 'stage1' | 'disputed' | 'undisclosed' | 'planned' | 'bodies' | 'unknownBodies' | 'talks' | 'meeting' | 'person', Json>;

  beforeAll(async () => {
    made.deal = await create('/agreements', agreement({ title: 'Стамбул, 23 липня: "1200 на 1200"', mediators: ['Türkiye', 'UAE, as host'], notes: awkward }));
    made.bare = await create('/agreements', agreement({ title: 'Talks without commitments', reachedOn: '2024-03-01', status: 'negotiating', commitments: undefined, sources: undefined, mediators: undefined }));
    made.stage1 = await create('/rounds', completedRound({ date: '2025-08-14', agreementId: made.deal.id, stage: 1, notes: awkward, location: 'Білорусь, кордон' }));
    made.disputed = await create('/rounds', completedRound({
      date: '2025-08-24',
      agreementId: made.deal.id,
      stage: 2,
      returnedToUkraine: { total: 146 },
      returnedToRussia: { total: 146 },
      sources: [
        { url: 'https://www.president.gov.ua/en/news/example-146', publisher: 'Office of the President', side: 'ukraine', figures: { returnedToUkraine: 146 } },
        { url: 'https://function.mil.ru/news_page/example', publisher: "Russia's defence ministry", side: 'russia', figures: { returnedToUkraine: 140, returnedToRussia: 146 } },
      ],
    }));
    expect(made.disputed.disputed).toBe(true);
    made.undisclosed = await create('/rounds', completedRound({ date: '2025-06-10', returnedToUkraine: undefined, returnedToRussia: undefined, stage: undefined, categories: ['severely_wounded', 'seriously_ill'] }));
    expect(made.undisclosed.returnedToUkraine).toBeNull();
    made.planned = await create('/rounds', plannedRound({ date: '2026-01-20', agreementId: made.deal.id, stage: 3 }));
    made.bodies = await create('/repatriations', repatriation({ agreementId: made.deal.id, notes: awkward }));
    // A line break alone (no comma, no quote) must be quoted too.
    made.unknownBodies = await create('/repatriations', repatriation({ date: '2024-02-01', bodiesToUkraine: null, bodiesToRussia: null, mediator: undefined, notes: 'Етап 1\nдругий рядок' }));
    made.talks = await create('/negotiations', negotiationEvent({ agreementId: made.deal.id, mediator: 'Türkiye, UAE', title: 'Мединский: "третий обмен" не начался' }));
    made.meeting = await create('/negotiations', negotiationEvent({ date: '2025-07-23', kind: 'talks', title: 'Istanbul talks', venue: 'Çırağan Palace', sources: undefined }));
    // Personal data, which no export may carry.
    made.person = await create('/persons', person({ status: 'exchanged', roundId: made.stage1.id, fullName: 'Петро Приватний', serviceNumber: 'UA-PRIVATE-1' }));
    // More rounds than one page of the exports' Queries: the export reads on past the first.
    const planned = Array.from({ length: EXPORT_PAGE_SIZE + 3 }, (_, i) => plannedRound({ date: `2026-${String(2 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}` }));
    for (let i = 0; i < planned.length; i += 4) await Promise.all(planned.slice(i, i + 4).map((body) => create('/rounds', body)));
    expect((await api.request('POST', '/stats/refresh', { role: 'admin' })).status).toBe(200);
  });

  it.each(collections)('%s.csv: every record of the list route, in its order, field by field', async (name) => {
    const listed = await walkPages<Json>(api, `/${name}`, 100);
    const { header, rows } = await exported(name);
    expect(rows).toHaveLength(listed.length);
    expectRowsToBe(name, header, rows, listed);
  });

  it('rounds.csv: more than one page of the Queries, the disputed and the undisclosed round as the list has them', async () => {
    const { header, rows } = await exported('rounds');
    expect(rows.length).toBeGreaterThan(EXPORT_PAGE_SIZE);
    const row = (id: string) => Object.fromEntries(header.map((column, j) => [column, rows.find((r) => r[0] === id)![j]]));
    expect(row(made.disputed.id)).toMatchObject({ disputed: 'true', 'returnedToUkraine.total': '146', 'returnedToUkraine.military': '' });
    expect(row(made.disputed.id).sources).toBe('https://www.president.gov.ua/en/news/example-146 ; https://function.mil.ru/news_page/example');
    expect(row(made.undisclosed.id)).toMatchObject({ disputed: 'false', 'returnedToUkraine.total': '', 'returnedToRussia.total': '', stage: '', categories: 'severely_wounded ; seriously_ill' });
    expect(row(made.stage1.id)).toMatchObject({ notes: awkward, location: 'Білорусь, кордон', 'returnedToUkraine.civilians': '120' });
  });

  it('agreements.csv: progress flattened, commitments as JSON, mediators joined', async () => {
    const { answer, header, rows } = await exported('agreements');
    const row = Object.fromEntries(header.map((column, j) => [column, rows.find((r) => r[0] === made.deal.id)![j]]));
    expect(row).toMatchObject({
      title: 'Стамбул, 23 липня: "1200 на 1200"',
      mediators: 'Türkiye ; UAE, as host',
      'progress.rounds': '2',
      'progress.stages': '1 ; 2',
      'progress.returnedToUkraine': String(390 + 146),
      'progress.committed.prisonersToUkraine': '1200',
      'progress.remaining.prisonersToUkraine': String(1200 - 390 - 146),
      'progress.committed.bodiesToRussia': '',
      'progress.firstHandoverOn': '2025-06-11',
      'progress.lastHandoverOn': '2025-08-24',
      notes: awkward,
    });
    expect(row.commitments!.split(' ; ').map((item) => JSON.parse(item))).toEqual(made.deal.commitments);
    // RFC 4180 on the wire: the field quoted, its quotes doubled.
    expect(answer.text).toContain('"Стамбул, 23 липня: ""1200 на 1200"""');
    const bare = Object.fromEntries(header.map((column, j) => [column, rows.find((r) => r[0] === made.bare.id)![j]]));
    expect(bare).toMatchObject({ commitments: '', mediators: '', sources: '', 'progress.rounds': '0', 'progress.committed.prisonersToUkraine': '' });
  });

  it('stats.csv: one row per year ascending, then the totals: GET /stats byYear and totals', async () => {
    const stats = (await api.request('GET', '/stats')).body as Json;
    const { header, rows } = await exported('stats');
    expect(rows.map((row) => row[0])).toEqual([...stats.byYear.map((y: Json) => String(y.year)), 'total']);
    expect(stats.byYear.map((y: Json) => y.year)).toEqual([2024, 2025]);
    expectRowsToBe('stats', header, rows, [...stats.byYear, { ...stats.totals, year: 'total' }]);
    // Exactly the totals' keys (flattened), and `year`.
    expect(header).toEqual(['year', ...leavesOf(stats.totals)]);
  });

  it('hold no person: neither a name, an id nor a service number', async () => {
    for (const name of names) {
      const { answer } = await exported(name);
      for (const secret of [made.person.id, 'Петро Приватний', 'UA-PRIVATE-1']) expect(answer.text, `${name}: ${secret}`).not.toContain(secret);
    }
  });

  it('are public, take no query parameter, and exist for the five names only', async () => {
    expect((await api.request('GET', '/exports/rounds.csv', { role: 'viewer' })).status).toBe(200);
    const refused = await api.request('GET', '/exports/rounds.csv?limit=5');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    for (const path of ['/exports/persons.csv', '/exports/rounds', '/exports', '/exports/rounds.json']) {
      const missing = await api.request('GET', path);
      expect(missing.status, path).toBe(404);
      expect(missing.body.error.code).toBe('not_found');
    }
    expect((await api.request('POST', '/exports/rounds.csv', { body: {} })).status).toBe(404);
  });
});

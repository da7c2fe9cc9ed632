/**
 * data/claims-2022-2025.json through the API, over the CSV's records, as `npm start -- --seed`
 * loads it: the stats' `disputed` and `ranges` equal the table of data/README.md (parsed here,
 * nothing restated), the per-year totals stay the CSV's, each claimed record is `disputed` exactly
 * when the files say its figures differ, a re-run changes nothing, and a bad claim is reported by
 * its JSON path while the rest load.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startLocalApi, tokenFor, type LocalApi } from '../support/local-api';
import { walkPages } from '../support/pages';
import { PUBLIC_RECORD_CSV as CSV, expectedFromCsv } from '../support/public-record';
import { seedIfEmpty } from '../../bin/local/seed';
import { importClaims } from '../../bin/import/claims';

const projectRoot = new URL('../../', import.meta.url).pathname;
const read = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8');

const FIGURES = ['returnedToUkraine', 'returnedToRussia', 'bodiesToUkraine', 'bodiesToRussia'] as const;
type Figure = (typeof FIGURES)[number];
type Range = { low: number; high: number };

interface FileSource {
  url: string;
  publisher?: string;
  side?: string;
  figures?: Partial<Record<Figure, number>>;
}
interface FileClaim {
  kind: 'prisoner_exchange' | 'body_repatriation';
  date: string;
  sources: FileSource[];
}
const CLAIMS = (JSON.parse(read('claims-2022-2025.json')) as { claims: FileClaim[] }).claims;
const FIGURES_OF = { prisoner_exchange: ['returnedToUkraine', 'returnedToRussia'], body_repatriation: ['bodiesToUkraine', 'bodiesToRussia'] } as const;

/** Each CSV row by kind + date: its headline figures (null = not published) and source URLs. Plain split, as for the sums. */
function csvRows(): Map<string, { year: number; headline: (number | null)[]; urls: string[] }> {
  const rows = new Map<string, { year: number; headline: (number | null)[]; urls: string[] }>();
  for (const line of CSV.trim().split('\n').slice(1)) {
    const [date, kind, ua, ru] = line.split(',') as [string, string, string, string];
    const urls = line.slice(line.lastIndexOf(',') + 1).split(' ; ').map((url) => url.trim());
    expect(urls.every((url) => url.startsWith('http')), line).toBe(true);
    expect(rows.has(`${kind} ${date}`), `kind + date name one row: ${kind} ${date}`).toBe(false);
    rows.set(`${kind} ${date}`, { year: Number(date.slice(0, 4)), headline: [ua, ru].map((n) => (n === '' ? null : Number(n))), urls });
  }
  return rows;
}
const ROWS = csvRows();

/** True when, for some figure of the claimed record, two of {its CSV headline, the figures its claim's sources state} differ. */
function disputedByFiles(claim: FileClaim): boolean {
  const row = ROWS.get(`${claim.kind} ${claim.date}`)!;
  return FIGURES_OF[claim.kind].some((figure, i) => {
    const stated = claim.sources.map((s) => s.figures?.[figure]).filter((n): n is number => n !== undefined);
    const headline = row.headline[i];
    return new Set([...(headline === null ? [] : [headline]), ...stated]).size > 1;
  });
}

/**
 * The table under the `# claims-2022-2025.json` heading of data/README.md: per year it lists,
 * `disputed` and a range per figure column; for every other year ("other years | 0 | = total"),
 * and for a figure the table has no column for, disputed 0 and low = high = the year's total.
 */
function readmeRanges(): { listed: Map<number, { disputed: number; ranges: Partial<Record<Figure, Range>> }>; otherYears: { disputed: number } } {
  const section = read('README.md').split(/^# /m).find((part) => part.startsWith('claims-2022-2025.json'))!;
  expect(section, 'a "# claims-2022-2025.json" section in data/README.md').toBeDefined();
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const cells = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim());
  const header = cells(lines[0]!);
  expect(cells(lines[1]!).every((cell) => /^-+$/.test(cell))).toBe(true);
  expect(header.slice(0, 2)).toEqual(['year', 'disputed']);
  const columns = header.slice(2).map((name) => {
    const match = /^(\w+) low[–-]high$/.exec(name);
    expect(match && (FIGURES as readonly string[]).includes(match[1]!), `a figure's range column: ${name}`).toBe(true);
    return match![1] as Figure;
  });
  const listed = new Map<number, { disputed: number; ranges: Partial<Record<Figure, Range>> }>();
  let otherYears: { disputed: number } | undefined;
  for (const line of lines.slice(2)) {
    const [year, disputed, ...ranges] = cells(line) as [string, string, ...string[]];
    expect(disputed, line).toMatch(/^\d+$/);
    if (year === 'other years') {
      expect(ranges, line).toEqual(columns.map(() => '= total'));
      otherYears = { disputed: Number(disputed) };
      continue;
    }
    expect(year, line).toMatch(/^\d{4}$/);
    listed.set(Number(year), {
      disputed: Number(disputed),
      ranges: Object.fromEntries(
        ranges.map((cell, i) => {
          const [, low, high] = /^(\d+)[–-](\d+)$/.exec(cell) ?? [];
          expect(low, `${line}: "${cell}" is low–high`).toBeDefined();
          return [columns[i]!, { low: Number(low), high: Number(high) }];
        }),
      ),
    });
  }
  expect(otherYears, 'the table’s "other years" row').toBeDefined();
  return { listed, otherYears: otherYears! };
}

/** Per year of the CSV (and for the totals, their sums): `disputed`, `ranges` and `roundsWithoutSplit` after the claims. */
function expectedAdditions() {
  const { years } = expectedFromCsv();
  const { listed, otherYears } = readmeRanges();
  for (const year of listed.keys()) expect(years.has(year), `README year ${year} is a year of the CSV`).toBe(true);
  // The CSV gives a count's total only (no military/civilians column), so no completed round gives a split.
  const header = CSV.split('\n')[0]!.split(',');
  expect(header.filter((column) => /military|civilian/i.test(column))).toEqual([]);
  const byYear = new Map<number, { disputed: number; ranges: Record<Figure, Range>; roundsWithoutSplit: number }>();
  for (const [year, sums] of years) {
    const inTable = listed.get(year);
    const ranges = Object.fromEntries(FIGURES.map((f) => [f, inTable?.ranges[f] ?? { low: sums[f]!, high: sums[f]! }])) as Record<Figure, Range>;
    byYear.set(year, { disputed: inTable?.disputed ?? otherYears.disputed, ranges, roundsWithoutSplit: sums.rounds! });
  }
  const all = [...byYear.values()];
  const totals = {
    disputed: all.reduce((n, y) => n + y.disputed, 0),
    roundsWithoutSplit: all.reduce((n, y) => n + y.roundsWithoutSplit, 0),
    ranges: Object.fromEntries(FIGURES.map((f) => [f, { low: all.reduce((n, y) => n + y.ranges[f].low, 0), high: all.reduce((n, y) => n + y.ranges[f].high, 0) }])),
  };
  return { byYear, totals };
}

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const everyRecord = async () => [
  ...(await walkPages(api, '/rounds', 100)).map((r) => ({ ...r, kind: 'prisoner_exchange' })),
  ...(await walkPages(api, '/repatriations', 100)).map((r) => ({ ...r, kind: 'body_repatriation' })),
];
const versions = async () => new Map((await everyRecord()).map((r) => [`${r.kind} ${r.date}`, r.version as number]));

async function expectStatsAsInReadme() {
  const refreshed = await api.request('POST', '/stats/refresh', { role: 'admin' });
  expect(refreshed.status).toBe(200);
  const stats = refreshed.body;
  const csv = expectedFromCsv();
  const { byYear, totals } = expectedAdditions();
  expect(stats.byYear.map((y: { year: number }) => y.year)).toEqual([...csv.years.keys()].sort());
  for (const entry of stats.byYear) {
    expect(entry, String(entry.year)).toMatchObject(csv.years.get(entry.year)!);
    expect(entry, String(entry.year)).toMatchObject(byYear.get(entry.year)!);
  }
  expect(stats.totals).toMatchObject(csv.totals);
  expect(stats.totals).toMatchObject(totals);
}

describe('importing data/claims-2022-2025.json over the CSV’s records', () => {
  it('npm start -- --seed loads it after the agreements, and the stats are the README’s table with the CSV’s totals', async () => {
    const said = (await seedIfEmpty(api.baseUrl)).split('\n');
    expect(said.map((line) => line.replace(/^Seed: (\d+) of \1 (\w+) of (\S+) loaded$/, '$2 of $3'))).toEqual([
      'rows of data/exchanges-2022-2025.csv',
      'items of data/agreements-2025.json',
      'claims of data/claims-2022-2025.json',
    ]);
    expect(said[2]).toBe(`Seed: ${CLAIMS.length} of ${CLAIMS.length} claims of data/claims-2022-2025.json loaded`);
    await expectStatsAsInReadme();
  });

  it('each claimed record is disputed as the files say, its sources merged by URL; every other record is not disputed', async () => {
    const claimed = new Map(CLAIMS.map((c) => [`${c.kind} ${c.date}`, c]));
    expect(claimed.size, 'one claim per record').toBe(CLAIMS.length);
    const records = await everyRecord();
    expect(records).toHaveLength(ROWS.size);
    for (const record of records) {
      const key = `${record.kind} ${record.date}`;
      const claim = claimed.get(key);
      const row = ROWS.get(key)!;
      if (!claim) {
        expect(record.disputed, key).toBe(false);
        expect(record.sources.map((s: FileSource) => s.url), key).toEqual(row.urls);
        continue;
      }
      expect(record.disputed, key).toBe(disputedByFiles(claim));
      // The headline figures stay the CSV's.
      const headline = FIGURES_OF[claim.kind].map((f) => (claim.kind === 'prisoner_exchange' ? (record[f]?.total ?? null) : record[f]));
      expect(headline, key).toEqual(row.headline);
      // The CSV's sources in their order, then the claim's URLs that are none of them (same address by the URL standard).
      // One page, however a reader came to it: tracking parameters (a feed's `?traffic_source=rss`) do not make another source.
      const page = (url: string) => {
        const parsed = new URL(url);
        for (const name of [...parsed.searchParams.keys()]) if (/^(utm_|traffic_)/.test(name)) parsed.searchParams.delete(name);
        return parsed.href;
      };
      const same = (a: string, b: string) => page(a) === page(b);
      const added = claim.sources.map((s) => s.url).filter((url) => !row.urls.some((csvUrl) => same(csvUrl, url)));
      expect(record.sources.map((s: FileSource) => s.url), key).toEqual([...row.urls, ...added]);
      for (const source of claim.sources) {
        const { url, ...stated } = source;
        expect(record.sources.find((s: FileSource) => same(s.url, url)), `${key} ${url}`).toEqual({ url: expect.any(String), ...stated });
      }
    }
    expect(records.filter((r) => r.disputed)).toHaveLength(CLAIMS.filter(disputedByFiles).length);
  });

  it('run again (function, CLI) it changes nothing: every claim already there, no version moved', async () => {
    const before = await versions();
    const report = await importClaims(read('claims-2022-2025.json'), { api: api.baseUrl, token: await tokenFor('editor') });
    expect(report).toEqual({ total: CLAIMS.length, created: 0, alreadyThere: CLAIMS.length, failed: [] });

    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      ['run', '-s', 'import', '--', 'data/claims-2022-2025.json', '--api', api.baseUrl, '--token', await tokenFor('editor')],
      { cwd: projectRoot },
    );
    expect(stdout.trim()).toBe(`${CLAIMS.length}/${CLAIMS.length} claims: 0 created, ${CLAIMS.length} already there, 0 failed`);
    expect(stderr.trim().split('\n')[0]).toBe(`Importing data/claims-2022-2025.json into ${api.baseUrl}`);

    expect(await versions()).toEqual(before);
    await expectStatsAsInReadme();
  });

  it('merges into a source of the same URL (the claim wins for its keys, the rest stay), appends a new one, and reports each bad claim by its JSON path', async () => {
    const round = await api.request('POST', '/rounds', {
      role: 'editor',
      body: {
        date: '2016-04-01', status: 'completed', returnedToUkraine: { total: 10 }, returnedToRussia: { total: 10 },
        sources: [{ url: 'https://Example.org:443/a', publisher: 'Old name', claim: 'ten for ten' }, { url: 'https://example.org/b' }],
      },
    });
    expect(round.status).toBe(201);
    for (const notes of ['one', 'two']) {
      expect((await api.request('POST', '/repatriations', { role: 'editor', body: { date: '2016-04-02', bodiesToUkraine: 5, bodiesToRussia: 5, notes } })).status).toBe(201);
    }
    const dir = mkdtempSync(join(tmpdir(), 'import-claims-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'claims.json');
    const good = { kind: 'prisoner_exchange', date: '2016-04-01', sources: [
      { url: 'https://example.org/a', publisher: 'New name', side: 'ukraine', figures: { returnedToUkraine: 12 } },
      { url: 'https://example.org/c', side: 'russia', figures: { returnedToRussia: 10 } },
    ] };
    writeFileSync(
      file,
      JSON.stringify({
        claims: [
          good,
          { kind: 'exchange', date: '2016-04-01', sources: [{ url: 'https://example.org/d' }] },
          { kind: 'body_repatriation', date: '2016-04-03', sources: [{ url: 'https://example.org/e' }] },
          { kind: 'body_repatriation', date: '2016-04-02', sources: [{ url: 'https://example.org/f' }] },
          { kind: 'prisoner_exchange', date: '2016-04-01', sources: [{ url: 'https://example.org/g' }] },
          { kind: 'prisoner_exchange', date: '2016-04-05', sources: [{ url: 'https://example.org/h', figures: { bodiesToUkraine: 1 } }] },
          { kind: 'prisoner_exchange', date: '2016-04-06', sources: [{ url: 'https://example.org/i' }, { url: 'https://EXAMPLE.org/i' }] },
        ],
      }),
    );
    for (const date of ['2016-04-05', '2016-04-06']) {
      expect((await api.request('POST', '/rounds', { role: 'editor', body: { date, status: 'completed' } })).status).toBe(201);
    }
    const run = promisify(execFile)('npm', ['run', '-s', 'import', '--', file, '--api', api.baseUrl, '--token', await tokenFor('editor')], { cwd: projectRoot });
    const failure = await run.then(() => undefined, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    const failed = failure!.stderr.split('\n').filter((line) => line.startsWith(`${file}: `)).map((line) => line.slice(file.length + 2));
    expect(failed).toEqual([
      'claims[1]: kind must be prisoner_exchange or body_repatriation, not "exchange"',
      expect.stringMatching(/^claims\[2\]: no repatriation on 2016-04-03 \(a body_repatriation row of data\/exchanges-2022-2025\.csv\): load the CSV first$/),
      expect.stringMatching(/^claims\[3\]: 2 repatriations on 2016-04-02 \(\w+, \w+\): cannot tell which one to add the claim to$/),
      'claims[4]: prisoner_exchange on 2016-04-01 is also claims[0]\'s: put its sources in one claim',
      // The API's own rule: a round's source states a round's figures only.
      expect.stringMatching(/^claims\[5\]: HTTP 400 validation_failed: .*bodiesToUkraine/),
      'claims[6]: sources[1] has the URL of sources[0]',
    ]);
    expect(failure?.stdout.trim()).toBe('7/7 claims: 1 created, 0 already there, 6 failed');

    const after = await api.request('GET', `/rounds/${round.body.id}`);
    expect(after.body).toMatchObject({ version: 2, disputed: true, returnedToUkraine: { total: 10 }, returnedToRussia: { total: 10 } });
    expect(after.body.sources).toEqual([
      { url: 'https://Example.org:443/a', publisher: 'New name', claim: 'ten for ten', side: 'ukraine', figures: { returnedToUkraine: 12 } },
      { url: 'https://example.org/b' },
      { url: 'https://example.org/c', side: 'russia', figures: { returnedToRussia: 10 } },
    ]);
    const again = await importClaims(JSON.stringify({ claims: [good] }), { api: api.baseUrl, token: await tokenFor('editor') });
    expect(again).toEqual({ total: 1, created: 0, alreadyThere: 1, failed: [] });
    expect((await api.request('GET', `/rounds/${round.body.id}`)).body.version).toBe(2);
  });

  it('stops at the first claim whose write the API refuses for the token', async () => {
    expect((await api.request('POST', '/rounds', { role: 'editor', body: { date: '2016-05-01', status: 'completed' } })).status).toBe(201);
    const file = { claims: [{ kind: 'prisoner_exchange', date: '2016-05-01', sources: [{ url: 'https://example.org/x', figures: { returnedToUkraine: 1 } }] }, { kind: 'nope' }] };
    const report = await importClaims(JSON.stringify(file), { api: api.baseUrl, token: await tokenFor('viewer') });
    expect(report).toMatchObject({ total: 2, created: 0, alreadyThere: 0, failed: [] });
    expect(report.stopped).toMatch(/^Stopped at claims\[0\]: the API refuses the token \(HTTP 403\)/);
  });
});

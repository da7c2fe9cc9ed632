/**
 * The public record through the API: every row in, figures equal to sums computed from the CSV
 * itself, a re-run adds nothing, a bad row is reported by line while the rest load, and a refused
 * token stops the import at its first row.
 */
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startLocalApi, tokenFor, type LocalApi } from '../support/local-api';
import { importCsv } from '../../bin/import/importer';
import { PUBLIC_RECORD_CSV as CSV, expectedFromCsv } from '../support/public-record';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('importing data/exchanges-2022-2025.csv', () => {
  it('loads every row, and the refreshed statistics equal the sums of the CSV', async () => {
    const report = await importCsv(CSV, { api: api.baseUrl, token: await tokenFor('editor') });
    expect(report.failed).toEqual([]);
    expect(report).toMatchObject({ total: 99, created: 99, alreadyThere: 0 });

    const stats = (await api.request('POST', '/stats/refresh', { role: 'admin' })).body;
    const { totals, years } = expectedFromCsv();
    expect(stats.totals).toMatchObject(totals);
    expect(stats.totals.civiliansReturnedToUkraine).toBe(0);
    expect(stats.byYear.map((y: { year: number }) => y.year)).toEqual([...years.keys()].sort());
    for (const entry of stats.byYear) expect(entry, String(entry.year)).toMatchObject(years.get(entry.year)!);
    // The dataset's own README states these per-year sums.
    expect(years.get(2025)).toMatchObject({ rounds: 20, returnedToUkraine: 2216, repatriations: 16, bodiesToUkraine: 16301 });
  });

  it('keeps sources and notes, and undisclosed figures as null', async () => {
    const rounds = (await api.request('GET', '/rounds?from=2022-03-24&to=2022-03-24')).body.items;
    expect(rounds).toHaveLength(1);
    expect(rounds[0].notes).toContain('[extra_UA=19]');
    expect(rounds[0].sources[0].url).toBe('http://en.people.cn/n3/2022/0325/c90000-9975754.html');
    const undisclosed = (await api.request('GET', '/rounds?year=2025&limit=100')).body.items.filter((r: { returnedToRussia: unknown }) => r.returnedToRussia === null);
    expect(undisclosed).toHaveLength(9);
  });

  it('the CLI run again creates nothing, with a progress line every 25 rows (no terminal to redraw one in)', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      ['run', '-s', 'import', '--', 'data/exchanges-2022-2025.csv', '--api', api.baseUrl, '--token', await tokenFor('editor')],
      { cwd: new URL('../../', import.meta.url).pathname },
    );
    expect(stdout.trim()).toBe('99/99 rows: 0 created, 99 already there, 0 failed');
    expect(stderr.trim().split('\n')).toEqual([
      `Importing data/exchanges-2022-2025.csv into ${api.baseUrl}`,
      '25/99 rows: 0 created, 25 already there, 0 failed',
      '50/99 rows: 0 created, 50 already there, 0 failed',
      '75/99 rows: 0 created, 75 already there, 0 failed',
    ]);
    const all = await api.request('GET', '/rounds?year=2024&limit=100');
    expect(all.body.items).toHaveLength(11);
  });

  it('stops at the first row whose POST the API refuses for the token, instead of failing every row', async () => {
    const [header] = CSV.split('\n');
    const rows = [header, '2018-01-01,prisoner_exchange,1,1,military,,one,https://example.org/a', '2018-01-02,prisoner_exchange,2,2,military,,two,https://example.org/b'];
    const report = await importCsv(rows.join('\n'), { api: api.baseUrl, token: await tokenFor('viewer') });
    expect(report).toMatchObject({ total: 2, created: 0, failed: [] });
    expect(report.stopped).toMatch(/^Stopped at line 2: the API refuses the token \(HTTP 403\)/);
  });

  it('the CLI reports a bad row by its line, loads the rest, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'rows.csv');
    const [header] = CSV.split('\n');
    writeFileSync(
      file,
      [
        header,
        '2019-05-05,prisoner_exchange,3,3,military,,fresh row,https://example.org/a',
        '2019-05-06,prisoner_exchange,many,3,military,,bad figure,https://example.org/b',
        '2019-05-07,body_repatriation,12,,,,fresh bodies,https://example.org/c',
      ].join('\n'),
    );
    const run = promisify(execFile)('npm', ['run', '-s', 'import', '--', file, '--api', api.baseUrl, '--token', await tokenFor('editor')], {
      cwd: new URL('../../', import.meta.url).pathname,
    });
    const failure = await run.then(() => undefined, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`${file}:3: returned_to_ukraine is not a whole number`);
    expect(failure?.stdout).toContain('3/3 rows: 2 created, 0 already there, 1 failed');
    expect((await api.request('GET', '/rounds?year=2019')).body.items).toHaveLength(1);
    expect((await api.request('GET', '/repatriations?year=2019')).body.items).toHaveLength(1);
  });
});

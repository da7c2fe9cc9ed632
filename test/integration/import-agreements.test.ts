/**
 * data/agreements-2025.json through the API, after the CSV, as `npm start -- --seed` loads them:
 * each agreement's progress equals the table of data/README.md (parsed here, nothing restated), its
 * rounds come in the order the deal was carried out, a re-run adds nothing, and a bad item is
 * reported by its JSON path while the rest load.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startLocalApi, tokenFor, type LocalApi } from '../support/local-api';
import { walkPages } from '../support/pages';
import { seedIfEmpty } from '../../bin/local/seed';
import { importAgreements } from '../../bin/import/agreements';

const projectRoot = new URL('../../', import.meta.url).pathname;
const read = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8');

interface FileAgreement {
  ref: string;
  title: string;
  reachedOn: string;
  rounds: { date: string; stage: number }[];
  repatriations: string[];
}
const FILE = JSON.parse(read('agreements-2025.json')) as { agreements: FileAgreement[]; negotiations: { date: string; title: string; agreement?: string }[] };
const ITEMS = FILE.agreements.length + FILE.agreements.reduce((n, a) => n + a.rounds.length + a.repatriations.length, 0) + FILE.negotiations.length;
const CSV_ROWS = read('exchanges-2022-2025.csv').trim().split('\n').length - 1;
const CLAIMS = (JSON.parse(read('claims-2022-2025.json')) as { claims: unknown[] }).claims.length;

type Figures = Record<'prisonersToUkraine' | 'prisonersToRussia' | 'bodiesToUkraine' | 'bodiesToRussia', number | null>;

/** `6057 / 27` → [6057, 27] */
function pair(cell: string): [number, number] {
  const match = /^(\d+) \/ (\d+)$/.exec(cell);
  if (!match) throw new Error(`not "n / n": ${cell}`);
  return [Number(match[1]), Number(match[2])];
}

/** `bodies 6000 / 6000 (prisoners: no number)` → bodies numbered, prisoners null (a kind it names no number for). */
function figures(cell: string): Figures {
  const bare = cell.replace(/\([^)]*\)/g, '').trim();
  expect(bare, cell).toMatch(/^((prisoners|bodies) \d+ \/ \d+[;,]?\s*)+$/);
  const result: Figures = { prisonersToUkraine: null, prisonersToRussia: null, bodiesToUkraine: null, bodiesToRussia: null };
  for (const [, kind, ua, ru] of bare.matchAll(/(prisoners|bodies) (\d+) \/ (\d+)/g)) {
    result[`${kind}ToUkraine` as keyof Figures] = Number(ua);
    result[`${kind}ToRussia` as keyof Figures] = Number(ru);
  }
  return result;
}

/** The first markdown table under the `# agreements-2025.json` heading of data/README.md, by agreement ref. */
function readmeProgress(): Map<string, Record<string, unknown>> {
  const section = read('README.md').split(/^# /m).find((part) => part.startsWith('agreements-2025.json'))!;
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const cells = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim());
  const header = cells(lines[0]!);
  expect(cells(lines[1]!).every((cell) => /^-+$/.test(cell))).toBe(true);
  const column = (row: string[], name: string) => {
    const at = header.indexOf(name);
    expect(at, `column "${name}" of the README table`).toBeGreaterThanOrEqual(0);
    return row[at]!;
  };
  const table = new Map<string, Record<string, unknown>>();
  for (const line of lines.slice(2)) {
    const row = cells(line);
    const [, rounds, first, last] = /^(\d+)(?: \((\d+)[–-](\d+)\))?$/.exec(column(row, 'rounds (stages)'))!;
    const stages = first ? Array.from({ length: Number(last) - Number(first) + 1 }, (_, i) => Number(first) + i) : [];
    const [returnedToUkraine, returnedToRussia] = pair(column(row, 'returned to UA / RU'));
    const [bodiesToUkraine, bodiesToRussia] = pair(column(row, 'bodies to UA / RU'));
    table.set(column(row, 'agreement'), {
      rounds: Number(rounds),
      stages,
      returnedToUkraine,
      returnedToRussia,
      roundsUndisclosed: Number(column(row, 'undisclosed rounds')),
      repatriations: Number(column(row, 'repatriations')),
      bodiesToUkraine,
      bodiesToRussia,
      committed: figures(column(row, 'committed')),
      remaining: figures(column(row, 'remaining')),
    });
  }
  return table;
}

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

/** The agreement of the file as the API has it, found by title and date (the importer's own rule, read independently). */
async function agreementOf(entry: FileAgreement) {
  const listed = await walkPages(api, `/agreements?year=${entry.reachedOn.slice(0, 4)}`, 100);
  const found = listed.filter((a) => a.title === entry.title && a.reachedOn === entry.reachedOn);
  expect(found, entry.ref).toHaveLength(1);
  const answer = await api.request('GET', `/agreements/${found[0].id}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function expectProgressAsInReadme() {
  const table = readmeProgress();
  expect([...table.keys()].sort()).toEqual(FILE.agreements.map((a) => a.ref).sort());
  for (const entry of FILE.agreements) {
    const dates = [...entry.rounds.map((r) => r.date), ...entry.repatriations].sort();
    const agreement = await agreementOf(entry);
    expect(agreement.progress, entry.ref).toEqual({ ...table.get(entry.ref), firstHandoverOn: dates[0] ?? null, lastHandoverOn: dates.at(-1) ?? null });
  }
}

describe('importing data/agreements-2025.json after the CSV', () => {
  it('npm start -- --seed loads the CSV, then the agreements (then the claims), and each agreement’s progress is the README’s table', async () => {
    const said = await seedIfEmpty(api.baseUrl);
    expect(said).toBe(
      [
        `Seed: ${CSV_ROWS} of ${CSV_ROWS} rows of data/exchanges-2022-2025.csv loaded`,
        `Seed: ${ITEMS} of ${ITEMS} items of data/agreements-2025.json loaded`,
        `Seed: ${CLAIMS} of ${CLAIMS} claims of data/claims-2022-2025.json loaded`,
      ].join('\n'),
    );
    await expectProgressAsInReadme();
  });

  it('lists an agreement’s rounds oldest first with stages 1..n, its repatriations and its negotiation events', async () => {
    for (const entry of FILE.agreements) {
      const { id } = await agreementOf(entry);
      const rounds = await walkPages(api, `/rounds?agreementId=${id}`, 4);
      expect(rounds.map((r) => r.date), entry.ref).toEqual(entry.rounds.map((r) => r.date).sort());
      expect(rounds.map((r) => r.stage), entry.ref).toEqual(rounds.map((_, i) => i + 1));
      expect(rounds.map((r) => r.stage)).toEqual(entry.rounds.map((r) => r.stage));
      const repatriations = await walkPages(api, `/repatriations?agreementId=${id}`, 100);
      expect(repatriations.map((r) => r.date).sort(), entry.ref).toEqual([...entry.repatriations].sort());
      const events = await walkPages(api, `/negotiations?agreementId=${id}`, 100);
      const inFile = FILE.negotiations.filter((n) => n.agreement === entry.ref);
      expect(events, entry.ref).toHaveLength(inFile.length);
      expect(events.map((e) => e.title).sort()).toEqual(inFile.map((n) => n.title).sort());
    }
    expect(await walkPages(api, '/negotiations?year=2025', 100)).toHaveLength(FILE.negotiations.length);
  });

  it('run again (function, CLI, seed) it creates and changes nothing', async () => {
    const report = await importAgreements(read('agreements-2025.json'), { api: api.baseUrl, token: await tokenFor('editor') });
    expect(report).toEqual({ total: ITEMS, created: 0, alreadyThere: ITEMS, failed: [] });

    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      ['run', '-s', 'import', '--', 'data/agreements-2025.json', '--api', api.baseUrl, '--token', await tokenFor('editor')],
      { cwd: projectRoot },
    );
    expect(stdout.trim()).toBe(`${ITEMS}/${ITEMS} items: 0 created, ${ITEMS} already there, 0 failed`);
    expect(stderr.trim().split('\n')[0]).toBe(`Importing data/agreements-2025.json into ${api.baseUrl}`);

    expect(await seedIfEmpty(api.baseUrl)).toBe('Seed: the store already has records; nothing loaded.');
    expect(await walkPages(api, '/agreements', 100)).toHaveLength(FILE.agreements.length);
    for (const entry of FILE.agreements) expect((await agreementOf(entry)).version, entry.ref).toBe(1);
    await expectProgressAsInReadme();
  });

  it('reports each item it cannot load by its JSON path, loads the rest, and exits 1', async () => {
    // Two rounds on one day: the importer cannot tell which one the file means.
    for (const notes of ['one', 'two']) {
      expect((await api.request('POST', '/rounds', { role: 'editor', body: { date: '2017-03-02', status: 'completed', notes } })).status).toBe(201);
    }
    for (const date of ['2017-03-03', '2017-03-05', '2017-03-06']) {
      expect((await api.request('POST', '/rounds', { role: 'editor', body: { date, status: 'completed' } })).status).toBe(201);
    }
    const dir = mkdtempSync(join(tmpdir(), 'import-agreements-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'agreements.json');
    const agreement = (ref: string, extra: object) => ({ ref, title: `Test deal ${ref}`, reachedOn: '2017-03-01', status: 'agreed', ...extra });
    writeFileSync(
      file,
      JSON.stringify({
        agreements: [
          agreement('a', {
            rounds: [{ date: '2017-03-01', stage: 1 }, { date: '2017-03-02', stage: 2 }, { date: '2017-03-03', stage: 3 }, { date: '2017-03-05', stage: 3 }],
            repatriations: ['2017-03-04'],
          }),
          agreement('b', { status: 'signed', rounds: [{ date: '2017-03-06', stage: 1 }] }),
          agreement('c', { title: 'Another deal', rounds: [{ date: '2017-03-03', stage: 1 }] }),
        ],
        negotiations: [
          { date: '2017-03-01', kind: 'talks', title: 'Talks on deal a', agreement: 'a' },
          { date: '2017-03-01', kind: 'talks', title: 'Talks on deal b', agreement: 'b' },
          { date: '2017-03-01', kind: 'talks', title: 'Talks on a deal not in the file', agreement: 'zzz' },
        ],
      }),
    );
    const run = promisify(execFile)('npm', ['run', '-s', 'import', '--', file, '--api', api.baseUrl, '--token', await tokenFor('editor')], { cwd: projectRoot });
    const failure = await run.then(() => undefined, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    const failed = failure!.stderr.split('\n').filter((line) => line.startsWith(`${file}: `)).map((line) => line.slice(file.length + 2));
    expect(failed).toEqual([
      expect.stringMatching(/^agreements\[1\]: HTTP 400 validation_failed: .*status/),
      expect.stringMatching(/^agreements\[0\]\.rounds\[0\]: no round on 2017-03-01 \(a prisoner_exchange row of data\/exchanges-2022-2025\.csv\)/),
      expect.stringMatching(/^agreements\[0\]\.rounds\[1\]: 2 rounds on 2017-03-02 \(\w+, \w+\): cannot tell which one to link$/),
      // The API's own rule: a stage number is one round's within an agreement.
      expect.stringMatching(/^agreements\[0\]\.rounds\[3\]: HTTP 409 conflict: /),
      expect.stringMatching(/^agreements\[0\]\.repatriations\[0\]: no repatriation on 2017-03-04/),
      'agreements[1].rounds[0]: its agreement (agreements[1]) did not load',
      expect.stringMatching(/^agreements\[2\]\.rounds\[0\]: the round on 2017-03-03 \(\w+\) is already linked to agreement \w+ as stage 3; the import does not change an existing link$/),
      'negotiations[1]: its agreement (agreements[1]) did not load',
      'negotiations[2]: agreement "zzz" is the ref of no agreement in this file',
    ]);
    expect(failure?.stdout.trim()).toBe('13/13 items: 4 created, 0 already there, 9 failed');

    const deals = (await api.request('GET', '/agreements?year=2017')).body.items;
    expect(deals.map((d: { title: string }) => d.title).sort()).toEqual(['Another deal', 'Test deal a']);
    const deal = deals.find((d: { title: string }) => d.title === 'Test deal a');
    expect(deal.progress).toMatchObject({ rounds: 1, stages: [3], firstHandoverOn: '2017-03-03' });
    expect((await api.request('GET', `/negotiations?agreementId=${deal.id}`)).body.items.map((n: { title: string }) => n.title)).toEqual(['Talks on deal a']);
  });

  it('stops at the first item whose write the API refuses for the token', async () => {
    const file = { agreements: [{ ref: 'x', title: 'Never loaded', reachedOn: '2016-01-01', status: 'agreed', rounds: [{ date: '2016-01-02', stage: 1 }] }], negotiations: [] };
    const report = await importAgreements(JSON.stringify(file), { api: api.baseUrl, token: await tokenFor('viewer') });
    expect(report).toMatchObject({ total: 2, created: 0, alreadyThere: 0, failed: [] });
    expect(report.stopped).toMatch(/^Stopped at agreements\[0\]: the API refuses the token \(HTTP 403\)/);
  });
});

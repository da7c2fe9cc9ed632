/**
 * `npm run import` before it sends anything: with no API to talk to it says so at once, with what
 * to do, instead of retrying every item; a file it cannot load is refused before the API is asked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../bin/local/dynamodb-local';

const projectRoot = new URL('../../', import.meta.url).pathname;

async function runImport(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const run = await promisify(execFile)('npm', ['run', '-s', 'import', '--', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    timeout: 30_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return { ...run, seconds: (Date.now() - started) / 1000 };
}

describe('npm run import with nothing listening', () => {
  it.each(['data/exchanges-2022-2025.csv', 'data/agreements-2025.json', 'data/claims-2022-2025.json'])(
    '%s: fails within a few seconds with one message that says to npm start, reading PORT',
    async (file) => {
      const port = await freePort();
      const run = await runImport([file], { PORT: String(port) });
      expect(run.code).toBe(2);
      expect(run.seconds).toBeLessThan(8);
      expect(run.stderr).toContain(`No API answers at http://localhost:${port}`);
      expect(run.stderr).toContain('npm start');
      expect(run.stderr).not.toContain('fetch failed');
      expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(5);
      expect(run.stdout).toBe('');
    },
  );

  it('says the same for an --api that does not answer', async () => {
    const api = `http://127.0.0.1:${await freePort()}`;
    const run = await runImport(['data/exchanges-2022-2025.csv', '--api', api, '--token', 'not-used']);
    expect(run.code).toBe(2);
    expect(run.seconds).toBeLessThan(8);
    expect(run.stderr).toContain(`No API answers at ${api}`);
    expect(run.stderr).toContain('--api');
  });
});

describe('npm run import with a file it cannot load', () => {
  const usage = 'usage: npm run import -- <file.csv | file.json> [--api URL] [--token JWT]';

  it('without a file, prints the usage, which names every kind of file', async () => {
    const run = await runImport([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(usage);
    expect(run.stderr).toContain('data/exchanges-2022-2025.csv');
    expect(run.stderr).toContain('data/agreements-2025.json');
    expect(run.stderr).toContain('data/claims-2022-2025.json');
    expect(run.stdout).toBe('');
  });

  it('refuses a file that is neither .csv nor .json, and one that is not there, before asking any API', async () => {
    const port = String(await freePort());
    const other = await runImport(['data/README.md'], { PORT: port });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('data/README.md: not a .csv or a .json file');
    expect(other.stderr).toContain(usage);
    const missing = await runImport(['data/no-such-file.json'], { PORT: port });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('data/no-such-file.json: cannot read it (ENOENT)');
  });

  it('refuses a .json file that is not JSON, or neither agreements nor claims, saying where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const port = String(await freePort());
    const cases: [string, string][] = [
      ['{ "agreements": [', 'not JSON'],
      ['{ "rounds": [] }', 'expected an object with an "agreements" or a "claims" list'],
      ['[]', 'expected an object with an "agreements" or a "claims" list'],
      ['{ "agreements": [], "claims": [] }', 'has both "agreements" and "claims": one kind of file at a time'],
      ['{ "agreements": [{ "ref": "a", "rounds": "2025-01-01" }] }', 'agreements[0].rounds is not a list'],
      ['{ "claims": {} }', 'expected an object with a "claims" list'],
      ['{ "claims": [{ "kind": "prisoner_exchange" }, 7] }', 'claims[1] is not an object'],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const file = join(dir, `bad-${i}.json`);
      writeFileSync(file, text);
      const run = await runImport([file], { PORT: port });
      expect(run.code, text).toBe(2);
      expect(run.stderr, text).toContain(`${file}: ${message}`);
      expect(run.stderr, text).not.toContain('No API answers');
    }
  });
});

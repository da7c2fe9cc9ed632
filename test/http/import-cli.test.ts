/** `npm run import` with no API to talk to: it says so at once, with what to do, instead of retrying every row. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bin/local/dynamodb-local';

const projectRoot = new URL('../../', import.meta.url).pathname;

async function runImport(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const run = await promisify(execFile)('npm', ['run', '-s', 'import', '--', 'data/exchanges-2022-2025.csv', ...args], {
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
  it('fails within a few seconds with one message that says to npm start, reading PORT', async () => {
    const port = await freePort();
    const run = await runImport([], { PORT: String(port) });
    expect(run.code).not.toBe(0);
    expect(run.seconds).toBeLessThan(8);
    expect(run.stderr).toContain(`No API answers at http://localhost:${port}`);
    expect(run.stderr).toContain('npm start');
    expect(run.stderr).not.toContain('fetch failed');
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(5);
    expect(run.stdout).toBe('');
  });

  it('says the same for an --api that does not answer', async () => {
    const api = `http://127.0.0.1:${await freePort()}`;
    const run = await runImport(['--api', api, '--token', 'not-used']);
    expect(run.code).not.toBe(0);
    expect(run.seconds).toBeLessThan(8);
    expect(run.stderr).toContain(`No API answers at ${api}`);
    expect(run.stderr).toContain('--api');
  });
});

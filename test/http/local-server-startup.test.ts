/**
 * `npm start` while it starts: a quiet 503 until DynamoDB answers, how long start-up took, and what
 * to do when there is no Java to run DynamoDB Local with (or a DynamoDB already running to use).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { checkedFetch, groupAlive, npmStart, npmToken, spawnNpmStart, waitForExit } from '../support/npm-start';
import { completedRound } from '../support/fixtures';

/** A PATH with node, npm and sh on it and nothing else: no java. */
const noJavaBin = mkdtempSync(join(tmpdir(), 'registry-no-java-'));
symlinkSync(process.execPath, join(noJavaBin, 'node'));
symlinkSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim(), join(noJavaBin, 'npm'));
symlinkSync('/bin/sh', join(noJavaBin, 'sh'));
afterAll(() => rmSync(noJavaBin, { recursive: true, force: true }));

describe('npm start, starting', () => {
  it('answers 503 quietly until DynamoDB is ready, then says how long start-up took', async () => {
    const api = await spawnNpmStart(['--in-memory']);
    try {
      const statuses: number[] = [];
      const deadline = Date.now() + 90_000;
      while (statuses.at(-1) !== 200 && Date.now() < deadline) {
        try {
          const answer = await checkedFetch(api.baseUrl, '/rounds');
          statuses.push(answer.status);
          if (answer.status === 503) {
            expect(JSON.parse(answer.text).error.code).toBe('unavailable');
            expect(answer.headers.get('retry-after')).toBe('1');
          }
        } catch (error) {
          if (!/fetch failed/.test(String(error))) throw error; // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const unavailable = statuses.filter((status) => status === 503).length;
      expect(unavailable).toBeGreaterThan(0);
      expect(statuses.at(-1)).toBe(200);
      await expect.poll(() => api.output()).toMatch(/ready in \d+\.\d s/);
      // One short line per 503, as for any request: no warning, no stack.
      await expect.poll(() => api.output().match(/^GET \/rounds 503 /gm)?.length).toBe(unavailable);
      expect(api.output()).not.toMatch(/"level":"(warn|error)"|stack/);
    } finally {
      await api.interrupt();
    }
  });

  it('without java, says what to install, or to name a running DynamoDB', async () => {
    const api = await spawnNpmStart(['--in-memory'], { PATH: noJavaBin });
    expect(await waitForExit(api)).not.toBe(0);
    expect(api.output()).toContain('sudo apt-get install -y default-jre-headless');
    expect(api.output()).toContain('brew install openjdk');
    expect(api.output()).toContain('DYNAMODB_ENDPOINT=');
    expect(api.output()).not.toContain('ENOENT');
    expect(groupAlive(api.child.pid!)).toBe(false);
  });

  it('with DYNAMODB_ENDPOINT, uses that DynamoDB, makes the table there, and needs no java', async () => {
    const endpoint = inject('dynamoEndpoint');
    const tableName = `start-endpoint-${Date.now()}`;
    const api = await npmStart([], { PATH: noJavaBin, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName });
    try {
      expect(api.output()).toContain(`table ${tableName} created; ${endpoint}`);
      expect(api.output()).toContain('keeps running');
      const created = await checkedFetch(api.baseUrl, '/rounds', {
        method: 'POST',
        headers: { authorization: `Bearer ${await npmToken('editor')}`, 'content-type': 'application/json' },
        body: JSON.stringify(completedRound()),
      });
      expect(created.status).toBe(201);
    } finally {
      await api.interrupt();
    }
  });
});

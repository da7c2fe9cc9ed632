/** Ctrl-C stops the API and DynamoDB Local together; without --in-memory, data survives a restart. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedFetch, groupAlive, npmStart, npmToken } from '../support/npm-start';
import { completedRound } from '../support/fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'registry-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start with kept data', () => {
  it('keeps rounds across a restart and stops every process on Ctrl-C', async () => {
    const env = { LOCAL_DATA_DIR: dataDir };
    const first = await npmStart([], env);
    const token = await npmToken('editor', env);
    const created = await checkedFetch(first.baseUrl, '/rounds', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(completedRound()),
    });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.text) as { id: string };

    const exit = await first.interrupt();
    expect(exit.code === 0 || exit.signal === 'SIGINT').toBe(true);
    await expect.poll(() => groupAlive(first.child.pid!), { timeout: 10_000 }).toBe(false);

    expect(first.output()).not.toMatch(/error/i);

    const second = await npmStart([], env, first.port);
    try {
      expect(second.output()).toContain('existed');
      const read = await checkedFetch(second.baseUrl, `/rounds/${id}`);
      expect(read.status).toBe(200);
    } finally {
      await second.interrupt();
      await expect.poll(() => groupAlive(second.child.pid!), { timeout: 10_000 }).toBe(false);
    }
  });
});

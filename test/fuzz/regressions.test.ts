/**
 * The fuzz suite's findings, each kept as one example over HTTP (test/support/local-api.ts checks
 * every answer against the OpenAPI document), so it stays fixed whatever seed the suite runs with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuesToDetails, MAX_DETAILS } from '../../lambdas/domain/issues';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { completedRound, reconciliationList } from '../support/fixtures';
import { signToken } from '../../bin/local/jwt';
import { dumpTable } from '../support/table-dump';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('a body with more bad fields than an answer can list', () => {
  // 2,000 entries of 72 one- or two-letter unknown keys: 144,000 bad fields in under 1 MiB.
  const entry = `{${Array.from({ length: 72 }, (_, i) => `"${i.toString(36)}":0`).join(',')}}`;
  const body = JSON.stringify(reconciliationList({ entries: [] })).replace('"entries":[]', `"entries":[${Array(2000).fill(entry).join(',')}]`);

  it('is a 400 naming the first ones and counting the rest (it was a 500: a stack overflow gathering them)', async () => {
    expect(body.length).toBeLessThan(1024 * 1024);
    const before = await dumpTable(api.tableName);
    const answer = await api.request('POST', '/reconciliations', { role: 'editor', rawBody: body, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.details).toHaveLength(MAX_DETAILS + 1);
    expect(answer.body.error.details[0]).toEqual({ path: 'entries.0.fullName', message: expect.any(String) });
    expect(answer.body.error.details.at(-1)).toEqual({ path: '(root)', message: `${2000 * 73 - MAX_DETAILS} more problems, not listed` });
    // Far inside the 6 MB a Lambda may answer; listed in full it was about 7 MB.
    expect(answer.text.length).toBeLessThan(20_000);
    expect(await dumpTable(api.tableName)).toBe(before);
  });

  it('names every field up to the limit, and counts past it under the part it is about', () => {
    const issue = (i: number) => ({ code: 'custom' as const, path: ['a', i], message: 'bad', input: 0 });
    expect(issuesToDetails(Array.from({ length: MAX_DETAILS }, (_, i) => issue(i)), 'query')).toHaveLength(MAX_DETAILS);
    const over = issuesToDetails([{ code: 'unrecognized_keys', keys: Array.from({ length: MAX_DETAILS + 5 }, (_, i) => `k${i}`), path: [], message: 'x', input: {} }], 'query');
    expect(over).toHaveLength(MAX_DETAILS + 1);
    expect(over.at(-1)).toEqual({ path: 'query', message: '5 more problems, not listed' });
  });
});

describe('a signed token whose subject is not printable', () => {
  it('is 401, never a 500 (a lone surrogate made the idempotency key’s encoding throw)', async () => {
    for (const subject of ['a\ud800', 'line\nbreak', 'x'.repeat(129)]) {
      const token = await signToken('editor', { subject });
      const before = await dumpTable(api.tableName);
      const answer = await api.request('POST', '/rounds', { body: completedRound(), headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'k-1' } });
      expect(answer.status, JSON.stringify(subject)).toBe(401);
      expect(answer.body.error.code).toBe('unauthorized');
      expect(await dumpTable(api.tableName)).toBe(before);
    }
  });
});

/** Concurrent writers against the real DynamoDB engine: no lost update, no duplicate create. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { completedRound } from '../support/fixtures';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('concurrent writes', () => {
  it('20 PATCHes with the same If-Match: exactly one 200 and nineteen 412', async () => {
    const round = (await api.request('POST', '/rounds', { role: 'editor', body: completedRound() })).body;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.request('PATCH', `/rounds/${round.id}`, { role: 'editor', body: { notes: `writer ${i}` }, headers: { 'if-match': '"1"' } }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const winner = answers.find((a) => a.status === 200)!.body;
    expect((await api.request('GET', `/rounds/${round.id}`)).body).toEqual(winner);
  });

  it('20 PATCHes without If-Match all apply, one after another', async () => {
    const round = (await api.request('POST', '/rounds', { role: 'editor', body: completedRound() })).body;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.request('PATCH', `/rounds/${round.id}`, { role: 'editor', body: { stage: i + 1 } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body.version))).toEqual(new Set(Array.from({ length: 20 }, (_, i) => i + 2)));
    expect((await api.request('GET', `/rounds/${round.id}`)).body.version).toBe(21);
  });

  it('20 POSTs with one Idempotency-Key create one round and answer the same', async () => {
    const body = completedRound({ date: '2021-01-01' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.request('POST', '/rounds', { role: 'editor', body, headers: { 'idempotency-key': 'k-1' } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(new Set(answers.map((a) => a.headers.get('location'))).size).toBe(1);
    const listed = await api.request('GET', '/rounds?year=2021');
    expect(listed.body.items).toHaveLength(1);
  });

  it('replays a retried POST, refuses the key with another body, and scopes keys by route', async () => {
    const body = completedRound({ date: '2020-02-02' });
    const first = await api.request('POST', '/rounds', { role: 'editor', body, headers: { 'idempotency-key': 'k-2' } });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const retry = await api.request('POST', '/rounds', { role: 'editor', body: reordered, headers: { 'idempotency-key': 'k-2' } });
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    const other = await api.request('POST', '/rounds', { role: 'editor', body: { ...body, notes: 'other' }, headers: { 'idempotency-key': 'k-2' } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    expect((await api.request('GET', '/rounds?year=2020')).body.items).toHaveLength(1);
  });

  it('stores no answer for a refused POST, so the key stays usable', async () => {
    const refused = await api.request('POST', '/rounds', { role: 'editor', body: { date: 'nope' }, headers: { 'idempotency-key': 'k-3' } });
    expect(refused.status).toBe(400);
    const accepted = await api.request('POST', '/rounds', { role: 'editor', body: completedRound({ date: '2019-03-03' }), headers: { 'idempotency-key': 'k-3' } });
    expect(accepted.status).toBe(201);
  });

  it('refuses an Idempotency-Key over 128 characters', async () => {
    const refused = await api.request('POST', '/rounds', { role: 'editor', body: completedRound(), headers: { 'idempotency-key': 'x'.repeat(129) } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toContain('Idempotency-Key');
  });
});

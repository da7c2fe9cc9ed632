/** A round's life through the API, against DynamoDB Local. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { completedRound, plannedRound } from '../support/fixtures';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('rounds lifecycle', () => {
  it('creates, reads, changes and deletes a round, with versions and ETags', async () => {
    const created = await api.request('POST', '/rounds', { role: 'editor', body: completedRound() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...completedRound(), version: 1 });
    expect(created.body.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`/rounds/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');

    const read = await api.request('GET', `/rounds/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe('"1"');

    const patched = await api.request('PATCH', `/rounds/${created.body.id}`, {
      role: 'editor',
      body: { mediator: null, returnedToRussia: { total: 390, military: 390 }, notes: 'corrected' },
      headers: { 'if-match': '"1"' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(patched.body).not.toHaveProperty('mediator');
    expect(patched.body.returnedToRussia).toEqual({ total: 390, military: 390 });
    expect(patched.body.createdAt).toBe(created.body.createdAt);
    expect(patched.body.updatedAt >= created.body.updatedAt).toBe(true);
    expect(patched.headers.get('etag')).toBe('"2"');

    const stale = await api.request('PATCH', `/rounds/${created.body.id}`, { role: 'editor', body: { notes: 'x' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');

    const staleDelete = await api.request('DELETE', `/rounds/${created.body.id}`, { role: 'admin', headers: { 'if-match': '"1"' } });
    expect(staleDelete.status).toBe(412);

    const deleted = await api.request('DELETE', `/rounds/${created.body.id}`, { role: 'admin', headers: { 'if-match': '"2"' } });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api.request('GET', `/rounds/${created.body.id}`)).status).toBe(404);
    expect((await api.request('DELETE', `/rounds/${created.body.id}`, { role: 'admin' })).status).toBe(404);
    expect((await api.request('PATCH', `/rounds/${created.body.id}`, { role: 'editor', body: { notes: 'x' } })).status).toBe(404);
  });

  it('stores absent figures of a completed round as undisclosed (null)', async () => {
    const created = await api.request('POST', '/rounds', { role: 'editor', body: { date: '2025-06-09', status: 'completed' } });
    expect(created.status).toBe(201);
    expect(created.body.returnedToUkraine).toBeNull();
    expect(created.body.returnedToRussia).toBeNull();
  });

  it('refuses a change that would leave an invalid round, and keeps the round as it was', async () => {
    const created = await api.request('POST', '/rounds', { role: 'editor', body: completedRound() });
    const refused = await api.request('PATCH', `/rounds/${created.body.id}`, { role: 'editor', body: { status: 'planned' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(refused.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['returnedToRussia', 'returnedToUkraine']);
    const after = await api.request('GET', `/rounds/${created.body.id}`);
    expect(after.body).toEqual(created.body);

    const allowed = await api.request('PATCH', `/rounds/${created.body.id}`, {
      role: 'editor',
      body: { status: 'postponed', returnedToUkraine: null, returnedToRussia: null },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ status: 'postponed', returnedToUkraine: null, returnedToRussia: null, version: 2 });
  });

  it('names each bad field of a create', async () => {
    const refused = await api.request('POST', '/rounds', {
      role: 'editor',
      body: { date: '2025-02-30', status: 'done', returnedToUkraine: { total: 10, military: 4, civilians: 5 }, colour: 'red' },
    });
    expect(refused.status).toBe(400);
    const paths = refused.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['colour', 'date', 'returnedToUkraine.total', 'status']);
    expect((await api.request('GET', '/rounds')).body.items.every((r: { date: string }) => r.date !== '2025-02-30')).toBe(true);
  });

  it('rejects counts on a round that is not completed', async () => {
    const refused = await api.request('POST', '/rounds', { role: 'editor', body: plannedRound({ returnedToUkraine: { total: 5 } }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'returnedToUkraine', message: expect.stringContaining('completed') }]);
    const allowed = await api.request('POST', '/rounds', { role: 'editor', body: plannedRound({ returnedToUkraine: null }) });
    expect(allowed.status).toBe(201);
  });
});

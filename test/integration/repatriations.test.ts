/** Repatriations through the API, against DynamoDB Local: lifecycle, rules, lists and idempotent creates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { repatriation } from '../support/fixtures';
import { idsOf, walkPages } from '../support/pages';

type Rec = { id: string; date: string; version: number; [field: string]: unknown };

let api: LocalApi;
/** Every repatriation this file created and did not delete: the whole table's list. */
const alive = new Map<string, Rec>();

async function create(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Rec> {
  const response = await api.request('POST', '/repatriations', { role: 'editor', body, headers });
  expect(response.status, response.text).toBe(201);
  alive.set(response.body.id, response.body);
  return response.body;
}

const newestFirst = (a: Rec, b: Rec) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1);
const expected = (keep: (r: Rec) => boolean = () => true) => idsOf([...alive.values()].filter(keep).sort(newestFirst));
const detailPaths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path).sort();

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('a repatriation from create to delete', () => {
  it('creates with 201, Location and ETag, reads it back, and lets only an admin delete it', async () => {
    const created = await api.request('POST', '/repatriations', { role: 'editor', body: repatriation() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...repatriation(), version: 1 });
    expect(created.body.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(created.body.createdAt).toBe(created.body.updatedAt);
    expect(created.headers.get('location')).toBe(`/repatriations/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    const path = `/repatriations/${created.body.id}`;

    const read = await api.request('GET', path);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe('"1"');

    const patched = await api.request('PATCH', path, {
      role: 'editor',
      body: { mediator: null, notes: null, bodiesToRussia: null, bodiesToUkraine: 1213 },
      headers: { 'if-match': '"1"' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({ version: 2, bodiesToUkraine: 1213, bodiesToRussia: null, location: repatriation().location });
    expect(patched.body).not.toHaveProperty('mediator');
    expect(patched.body).not.toHaveProperty('notes');
    expect(patched.body.createdAt).toBe(created.body.createdAt);
    expect(patched.body.updatedAt > created.body.updatedAt).toBe(true);
    expect((await api.request('GET', path)).body).toEqual(patched.body);

    const stale = await api.request('PATCH', path, { role: 'editor', body: { notes: 'late' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect((await api.request('GET', path)).body).toEqual(patched.body);

    const byEditor = await api.request('DELETE', path, { role: 'editor' });
    expect(byEditor.status).toBe(403);
    expect(byEditor.body.error.code).toBe('forbidden');
    expect((await api.request('GET', path)).status).toBe(200);

    expect((await api.request('DELETE', path, { role: 'admin', headers: { 'if-match': '"1"' } })).status).toBe(412);
    const deleted = await api.request('DELETE', path, { role: 'admin', headers: { 'if-match': '"2"' } });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');

    for (const [method, role, body] of [['GET', undefined, undefined], ['PATCH', 'editor', { notes: 'x' }], ['DELETE', 'admin', undefined]] as const) {
      const gone = await api.request(method, path, { role, body });
      expect(gone.status, method).toBe(404);
      expect(gone.body.error.code).toBe('not_found');
    }
    expect((await api.request('GET', '/repatriations/not-an-id')).status).toBe(404);
  });

  it('stores absent figures as undisclosed (null), and a PATCH may set them later', async () => {
    const created = await create({ date: '2024-02-07' });
    expect(created.bodiesToUkraine).toBeNull();
    expect(created.bodiesToRussia).toBeNull();
    expect(Object.keys(created)).toEqual(expect.arrayContaining(['bodiesToUkraine', 'bodiesToRussia']));
    const patched = await api.request('PATCH', `/repatriations/${created.id}`, { role: 'editor', body: { bodiesToRussia: 0 } });
    expect(patched.body).toMatchObject({ bodiesToUkraine: null, bodiesToRussia: 0, version: 2 });
    alive.set(created.id, patched.body);
  });

  it('refuses anonymous and viewer writes; reads are public', async () => {
    const anonymous = await api.request('POST', '/repatriations', { body: repatriation() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');
    expect((await api.request('POST', '/repatriations', { role: 'viewer', body: repatriation() })).status).toBe(403);
    const some = await create(repatriation({ date: '2023-11-30' }));
    expect((await api.request('PATCH', `/repatriations/${some.id}`, { role: 'viewer', body: { notes: 'x' } })).status).toBe(403);
    expect((await api.request('DELETE', `/repatriations/${some.id}`)).status).toBe(401);
    for (const headers of [{}, { authorization: 'Bearer forged.token.value' }] as Record<string, string>[]) {
      const read = await api.request('GET', `/repatriations/${some.id}`, { headers });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(some);
      expect((await api.request('GET', '/repatriations?year=2023', { headers })).status).toBe(200);
    }
  });
});

describe('validation', () => {
  it('names each bad field of a create and writes nothing', async () => {
    const before = await walkPages(api, '/repatriations', 100);
    const refused = await api.request('POST', '/repatriations', {
      role: 'editor',
      body: { date: '2025-02-30', bodiesToUkraine: -1, bodiesToRussia: 2.5, sources: [{ url: 'ftp://x.org/a' }], colour: 'red' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(detailPaths(refused.body)).toEqual(['bodiesToRussia', 'bodiesToUkraine', 'colour', 'date', 'sources.0.url']);
    const missing = await api.request('POST', '/repatriations', { role: 'editor', body: { bodiesToUkraine: 3 } });
    expect(detailPaths(missing.body)).toEqual(['date']);
    expect(idsOf(await walkPages(api, '/repatriations', 100))).toEqual(idsOf(before));
  });

  it('refuses a bad PATCH (unknown field, clearing the date, a negative figure) and keeps the record', async () => {
    const record = await create(repatriation({ date: '2023-03-03' }));
    for (const [body, path] of [[{ sunk: true }, 'sunk'], [{ date: null }, 'date'], [{ bodiesToUkraine: -5 }, 'bodiesToUkraine'], [{ date: '23-03-03' }, 'date']] as const) {
      const refused = await api.request('PATCH', `/repatriations/${record.id}`, { role: 'editor', body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(detailPaths(refused.body)).toEqual([path]);
    }
    expect((await api.request('GET', `/repatriations/${record.id}`)).body).toEqual(record);
  });

  it('refuses unknown, repeated and malformed list parameters', async () => {
    for (const query of ['status=completed', 'year=2024&year=2025', 'from=2024-02-31', 'to=yesterday', 'limit=0', 'limit=101', 'year=99']) {
      const answer = await api.request('GET', `/repatriations?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
    }
  });
});

describe('listing repatriations', () => {
  beforeAll(async () => {
    // 22 handovers over 2022–2025, several on the same day.
    for (let i = 0; i < 22; i++) {
      const date = `${2022 + (i % 4)}-${String((i % 6) + 1).padStart(2, '0')}-${String((i % 3) * 9 + 1).padStart(2, '0')}`;
      await create(repatriation({ date, bodiesToUkraine: i * 10, bodiesToRussia: i % 5 === 0 ? null : i }));
    }
  });

  it('walks all pages, newest date first (ties by id), every record exactly once', async () => {
    for (const limit of [1, 4, 25, 100]) {
      const seen = idsOf(await walkPages(api, '/repatriations', limit));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expected());
    }
  });

  it('filters by year, from and to (inclusive), and pages through each filter', async () => {
    expect(idsOf(await walkPages(api, '/repatriations?year=2024', 3))).toEqual(expected((r) => r.date.startsWith('2024')));
    expect(idsOf(await walkPages(api, '/repatriations?from=2023-03-10', 4))).toEqual(expected((r) => r.date >= '2023-03-10'));
    expect(idsOf(await walkPages(api, '/repatriations?to=2023-03-10', 4))).toEqual(expected((r) => r.date <= '2023-03-10'));
    const dates = [...alive.values()].map((r) => r.date).sort();
    const [from, to] = [dates[3]!, dates[dates.length - 4]!];
    expect(idsOf(await walkPages(api, `/repatriations?from=${from}&to=${to}`, 2))).toEqual(expected((r) => r.date >= from && r.date <= to));
    expect(idsOf(await walkPages(api, '/repatriations?year=2025&from=2025-03-01&to=2026-01-01', 2))).toEqual(
      expected((r) => r.date >= '2025-03-01' && r.date <= '2025-12-31'),
    );
    expect((await api.request('GET', '/repatriations?year=2022&to=2021-12-31')).body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a cursor from another filter', async () => {
    const first = await api.request('GET', '/repatriations?year=2024&limit=1');
    const other = await api.request('GET', `/repatriations?year=2023&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('invalid_cursor');
  });
});

describe('POST /repatriations with Idempotency-Key', () => {
  it('replays the first answer for the same key and body, and creates nothing new', async () => {
    const body = repatriation({ date: '2021-08-08' });
    const first = await create(body, { 'idempotency-key': 'repatriation-2021-08-08' });
    const retry = await api.request('POST', '/repatriations', {
      role: 'editor',
      body: Object.fromEntries(Object.entries(body).reverse()),
      headers: { 'idempotency-key': 'repatriation-2021-08-08' },
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first);
    expect(retry.headers.get('location')).toBe(`/repatriations/${first.id}`);
    expect(retry.headers.get('etag')).toBe('"1"');
    expect(idsOf(await walkPages(api, '/repatriations?year=2021', 10))).toEqual([first.id]);

    const otherBody = await api.request('POST', '/repatriations', {
      role: 'editor',
      body: { ...body, notes: 'another' },
      headers: { 'idempotency-key': 'repatriation-2021-08-08' },
    });
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error.code).toBe('conflict');
    expect(idsOf(await walkPages(api, '/repatriations?year=2021', 10))).toEqual([first.id]);
  });

  it('stores only 2xx answers: a key first used with an invalid body still creates later', async () => {
    const key = { 'idempotency-key': 'first-try-was-invalid' };
    const refused = await api.request('POST', '/repatriations', { role: 'editor', body: { date: 'soon' }, headers: key });
    expect(refused.status).toBe(400);
    const created = await create(repatriation({ date: '2020-01-15' }), key);
    expect(idsOf(await walkPages(api, '/repatriations?year=2020', 10))).toEqual([created.id]);
  });
});

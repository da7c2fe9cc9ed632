/** Persons through the API, against DynamoDB Local: access, names, the round rules and reference counting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi, type TestRole } from '../support/local-api';
import { completedRound, person, plannedRound } from '../support/fixtures';
import { idsOf, walkPages } from '../support/pages';

type Rec = { id: string; createdAt: string; version: number; [field: string]: unknown };

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

async function createRound(body: Record<string, unknown> = completedRound()): Promise<string> {
  const response = await api.request('POST', '/rounds', { role: 'editor', body });
  expect(response.status, response.text).toBe(201);
  return response.body.id;
}

async function createPerson(overrides: Record<string, unknown> = {}): Promise<Rec> {
  const response = await api.request('POST', '/persons', { role: 'editor', body: person(overrides) });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

const exchangedIn = (roundId: string, overrides: Record<string, unknown> = {}) => ({ status: 'exchanged', roundId, ...overrides });
const patchPerson = (id: string, body: Record<string, unknown>) => api.request('PATCH', `/persons/${id}`, { role: 'editor', body });
const detailPaths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path).sort();
const newestFirst = (a: Rec, b: Rec) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);
const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const MISSING_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWXYZ';

describe('who may see and change persons', () => {
  it('answers 401 to an anonymous caller on every persons route, and to a forged token', async () => {
    const roundId = await createRound();
    const someone = await createPerson();
    const calls: [string, string, unknown][] = [
      ['GET', '/persons', undefined],
      ['GET', `/persons/${someone.id}`, undefined],
      ['POST', '/persons', person()],
      ['PATCH', `/persons/${someone.id}`, { notes: 'x' }],
      ['DELETE', `/persons/${someone.id}`, undefined],
      ['GET', `/rounds/${roundId}/persons`, undefined],
    ];
    for (const [method, path, body] of calls) {
      for (const headers of [{}, { authorization: 'Bearer not.a.token' }] as Record<string, string>[]) {
        const answer = await api.request(method, path, { body, headers });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.error.code).toBe('unauthorized');
        expect(answer.text).not.toContain(someone.fullName as string);
      }
    }
    expect((await api.request('GET', `/persons/${someone.id}`, { role: 'viewer' })).body).toEqual(someone);
  });

  it('lets a viewer read but not write, and an editor not delete', async () => {
    const roundId = await createRound();
    const someone = await createPerson(exchangedIn(roundId));
    for (const path of ['/persons', `/persons/${someone.id}`, `/rounds/${roundId}/persons`]) {
      expect((await api.request('GET', path, { role: 'viewer' })).status, path).toBe(200);
    }
    const writes: [string, string, TestRole, unknown][] = [
      ['POST', '/persons', 'viewer', person()],
      ['PATCH', `/persons/${someone.id}`, 'viewer', { notes: 'x' }],
      ['DELETE', `/persons/${someone.id}`, 'viewer', undefined],
      ['DELETE', `/persons/${someone.id}`, 'editor', undefined],
    ];
    for (const [method, path, role, body] of writes) {
      const answer = await api.request(method, path, { role, body });
      expect(answer.status, `${role} ${method}`).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    expect((await api.request('GET', `/persons/${someone.id}`, { role: 'viewer' })).body).toEqual(someone);
  });
});

describe('a person record', () => {
  it('creates with 201, Location and ETag, and reads back every field', async () => {
    const created = await api.request('POST', '/persons', { role: 'editor', body: person() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...person(), version: 1 });
    expect(created.headers.get('location')).toBe(`/persons/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    const path = `/persons/${created.body.id}`;
    expect((await api.request('GET', path, { role: 'viewer' })).body).toEqual(created.body);
    for (const [body, headers, status] of [[{ notes: 'x' }, { 'if-match': '"2"' }, 412], [{ side: null }, {}, 400], [{ nickname: 'x' }, {}, 400]] as const) {
      expect((await api.request('PATCH', path, { role: 'editor', body, headers })).status, JSON.stringify(body)).toBe(status);
    }
    expect((await api.request('DELETE', path, { role: 'admin', headers: { 'if-match': '"0"' } })).status).toBe(412);
    expect((await api.request('GET', path, { role: 'viewer' })).body).toEqual(created.body);
    const patched = await api.request('PATCH', path, { role: 'editor', body: { rank: null, categories: null, notes: 'x' }, headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).not.toHaveProperty('rank');
    expect(patched.body).not.toHaveProperty('categories');
  });

  it('stores a full name in any script as given, only trimmed at its ends', async () => {
    const names = ["Олександр Мар'яненко", 'Олександр Мар’яненко', 'Йосип Ґудзь-Їжакевич', 'Йосип'.normalize('NFD'),
      'Nguyễn Văn Thắng'.normalize('NFD'), "Seán O'Brien-Ødegård", ' Сергій  Коваль '];
    expect('Йосип'.normalize('NFD')).not.toBe('Йосип');
    for (const fullName of names) {
      // No Unicode normalization, inner spaces kept: what a family typed is what comes back.
      const stored = fullName.trim();
      const created = await createPerson({ fullName });
      expect(created.fullName).toBe(stored);
      const read = await api.request('GET', `/persons/${created.id}`, { role: 'viewer' });
      expect(read.body.fullName).toBe(stored);
      expect(Buffer.from(read.body.fullName).equals(Buffer.from(stored))).toBe(true);
    }
    for (const fullName of ['', 'x'.repeat(201)]) {
      const refused = await api.request('POST', '/persons', { role: 'editor', body: person({ fullName }) });
      expect(detailPaths(refused.body)).toEqual(['fullName']);
    }
  });

  it('refuses a capture date after today, and accepts today', async () => {
    for (const capturedOn of [utcDay(2), '2999-01-01']) {
      const refused = await api.request('POST', '/persons', { role: 'editor', body: person({ capturedOn }) });
      expect(refused.status).toBe(400);
      expect(detailPaths(refused.body)).toEqual(['capturedOn']);
    }
    const today = await createPerson({ capturedOn: utcDay(0) });
    const later = await patchPerson(today.id, { capturedOn: '2999-01-01' });
    expect(later.status).toBe(400);
    expect(detailPaths(later.body)).toEqual(['capturedOn']);
  });
});

describe('the round an exchanged person names', () => {
  it('requires roundId for exchanged and refuses it for any other status', async () => {
    const roundId = await createRound();
    const missing = await api.request('POST', '/persons', { role: 'editor', body: person({ status: 'exchanged' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(detailPaths(missing.body)).toEqual(['roundId']);
    for (const status of ['missing', 'held', 'declined_exchange', 'released', 'deceased']) {
      const refused = await api.request('POST', '/persons', { role: 'editor', body: person({ status, roundId }) });
      expect(refused.status, status).toBe(400);
      expect(detailPaths(refused.body)).toEqual(['roundId']);
    }
    const exchanged = await createPerson(exchangedIn(roundId));
    expect((await patchPerson(exchanged.id, { roundId: null })).status).toBe(400);
    expect((await patchPerson(exchanged.id, { status: 'released' })).status).toBe(400);
    expect((await api.request('DELETE', `/rounds/${roundId}`, { role: 'admin' })).status).toBe(409);
  });

  it('is 422 invalid_reference for a missing round or one that is not completed, and writes nothing', async () => {
    const planned = await createRound(plannedRound());
    for (const roundId of [MISSING_ID, 'no-such-round', planned]) {
      const refused = await api.request('POST', '/persons', { role: 'editor', body: person(exchangedIn(roundId)) });
      expect(refused.status, roundId).toBe(422);
      expect(refused.body.error.code).toBe('invalid_reference');
      expect((await walkPages(api, `/persons?roundId=${roundId}`, 10, 'viewer'))).toEqual([]);
    }
    const held = await createPerson();
    const refused = await patchPerson(held.id, exchangedIn(planned));
    expect(refused.status).toBe(422);
    expect((await api.request('GET', `/persons/${held.id}`, { role: 'viewer' })).body).toEqual(held);
    // The refused writes counted nothing on the planned round: it can still change status and go.
    expect((await api.request('PATCH', `/rounds/${planned}`, { role: 'editor', body: { status: 'cancelled' } })).status).toBe(200);
    expect((await api.request('DELETE', `/rounds/${planned}`, { role: 'admin' })).status).toBe(204);
  });

  it('keeps a named round: no delete, no leaving completed (409), other changes allowed', async () => {
    const roundId = await createRound();
    const round = (await api.request('GET', `/rounds/${roundId}`)).body;
    await createPerson(exchangedIn(roundId));
    const refused = await api.request('DELETE', `/rounds/${roundId}`, { role: 'admin' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect((await api.request('GET', `/rounds/${roundId}`)).body).toEqual(round);
    const away = await api.request('PATCH', `/rounds/${roundId}`, { role: 'editor', body: { status: 'postponed', returnedToUkraine: null, returnedToRussia: null } });
    expect(away.status).toBe(409);
    expect(away.body.error.code).toBe('conflict');
    expect((await api.request('GET', `/rounds/${roundId}`)).body).toEqual(round);
    const notes = await api.request('PATCH', `/rounds/${roundId}`, { role: 'editor', body: { notes: 'verified' } });
    expect(notes.status).toBe(200);
    expect((await api.request('DELETE', `/rounds/${roundId}`, { role: 'admin' })).status).toBe(409);
  });

  it('counts references both ways: delete, status change and a move from round A to round B', async () => {
    const [a, b, c] = [await createRound(), await createRound(), await createRound()];
    const mover = await createPerson(exchangedIn(a));
    const twin = await createPerson(exchangedIn(a, { fullName: 'Twin' }));
    const deleteRound = async (id: string) => (await api.request('DELETE', `/rounds/${id}`, { role: 'admin' })).status;

    expect((await patchPerson(mover.id, { roundId: b })).status).toBe(200);
    expect(await deleteRound(a)).toBe(409); // the twin still names A
    expect((await api.request('DELETE', `/persons/${twin.id}`, { role: 'admin' })).status).toBe(204);
    expect(await deleteRound(a)).toBe(204);
    expect(await deleteRound(b)).toBe(409);

    expect((await patchPerson(mover.id, { roundId: c })).status).toBe(200);
    expect((await patchPerson(mover.id, { notes: 'still in C' })).status).toBe(200);
    expect(await deleteRound(b)).toBe(204);
    expect(await deleteRound(c)).toBe(409);
    expect((await patchPerson(mover.id, { status: 'released', roundId: null })).status).toBe(200);
    const released = (await api.request('GET', `/persons/${mover.id}`, { role: 'viewer' })).body;
    expect(released).not.toHaveProperty('roundId');
    expect(await deleteRound(c)).toBe(204);
    expect((await patchPerson(mover.id, exchangedIn(c))).status).toBe(422);
  });

  it('stores no refused answer: the same key and body create once the round is completed, then replay', async () => {
    const roundId = await createRound(plannedRound());
    const request = () => api.request('POST', '/persons', { role: 'editor', body: person(exchangedIn(roundId)), headers: { 'idempotency-key': 'p-1' } });
    expect((await request()).status).toBe(422);
    expect((await api.request('PATCH', `/rounds/${roundId}`, { role: 'editor', body: { status: 'completed' } })).status).toBe(200);
    const [first, retry] = [await request(), await request()];
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    expect(idsOf(await walkPages(api, `/rounds/${roundId}/persons`, 5, 'viewer'))).toEqual([first.body.id]);
    const round = await api.request('POST', '/rounds', { role: 'editor', body: completedRound(), headers: { 'idempotency-key': 'p-1' } });
    expect(round.status).toBe(201);
    expect(round.body.id).not.toBe(first.body.id);
  });
});

describe('GET /rounds/{id}/persons', () => {
  it('lists exactly the persons exchanged in the round, newest created first, across pages', async () => {
    const [round, other] = [await createRound(), await createRound()];
    const inRound: Rec[] = [];
    for (let i = 0; i < 8; i++) {
      inRound.push(await createPerson(exchangedIn(round, { fullName: `In round ${i}`, side: i % 2 ? 'russia' : 'ukraine' })));
      await createPerson(i % 2 ? exchangedIn(other) : { fullName: `Held ${i}` });
    }
    const listed = async () => idsOf(await walkPages<Rec>(api, `/rounds/${round}/persons`, 3, 'viewer'));
    expect(await listed()).toEqual(idsOf([...inRound].sort(newestFirst)));
    const page = await api.request('GET', `/rounds/${round}/persons?limit=100`, { role: 'viewer' });
    expect(page.body.items).toEqual([...inRound].sort(newestFirst));

    const [leaving, deleted] = [inRound[2]!, inRound[5]!];
    expect((await patchPerson(leaving.id, { roundId: other })).status).toBe(200);
    expect((await api.request('DELETE', `/persons/${deleted.id}`, { role: 'admin' })).status).toBe(204);
    const joining = await createPerson(exchangedIn(round));
    const remaining = inRound.filter((p) => p !== leaving && p !== deleted);
    expect(await listed()).toEqual(idsOf([joining, ...remaining.sort(newestFirst)]));
    expect(idsOf(await walkPages(api, `/rounds/${other}/persons`, 2, 'viewer'))).toContain(leaving.id);
  });

  it('is 404 for an unknown round and 400 for filters it does not define', async () => {
    for (const id of [MISSING_ID, 'not-an-id']) {
      const answer = await api.request('GET', `/rounds/${id}/persons`, { role: 'viewer' });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
    const round = await createRound();
    expect((await api.request('GET', `/rounds/${round}/persons`, { role: 'viewer' })).body).toEqual({ items: [], nextCursor: null });
    const filtered = await api.request('GET', `/rounds/${round}/persons?status=exchanged`, { role: 'viewer' });
    expect(filtered.status).toBe(400);
    expect(filtered.body.error.code).toBe('validation_failed');
  });
});

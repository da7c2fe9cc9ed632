/** The audit trail: who changed what and when, written with each change, read by admins only. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalApi, type LocalApi, type TestRole } from '../support/local-api';
import { completedRound, person, repatriation } from '../support/fixtures';
import { walkPages } from '../support/pages';

type Rec = { id: string; version: number; createdAt: string; updatedAt: string; [field: string]: unknown };
type AuditEntry = { action: string; actor: string; at: string; before: Rec | null; after: Rec | null };

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const trail = (entity: string, id: string, limit = 100) => walkPages<AuditEntry>(api, `/audit?entity=${entity}&id=${id}`, limit, 'admin');

async function write(method: string, path: string, role: TestRole, body?: unknown, status = 200): Promise<Rec> {
  const answer = await api.request(method, path, { role, body });
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(status);
  return answer.body;
}

const lifecycles: [entity: string, create: () => Record<string, unknown>, change1: Record<string, unknown>, change2: Record<string, unknown>][] = [
  ['rounds', () => completedRound(), { mediator: null, notes: 'first correction' }, { returnedToRussia: { total: 391 }, stage: 2 }],
  ['repatriations', () => repatriation(), { bodiesToRussia: null }, { location: 'Sumy region', notes: null }],
  ['persons', () => person(), { categories: ['held_since_2022', 'officers'], rank: null }, { status: 'released', fullName: 'Олександр Мар’яненко' }],
];

describe('GET /audit', () => {
  it('is for admins only, with the contract error codes', async () => {
    const round = await write('POST', '/rounds', 'editor', completedRound(), 201);
    const path = `/audit?entity=rounds&id=${round.id}`;
    const anonymous = await api.request('GET', path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');
    for (const role of ['viewer', 'editor'] as const) {
      const answer = await api.request('GET', path, { role });
      expect(answer.status, role).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
      expect(answer.body).not.toHaveProperty('items');
    }
    expect((await api.request('GET', path, { role: 'admin' })).status).toBe(200);
  });

  it('refuses an unknown entity, a missing id or entity, and unknown parameters', async () => {
    for (const query of ['entity=users&id=01JZ8Y3K4N5P6Q7R8S9T0VWXYZ', 'entity=rounds', 'id=01JZ8Y3K4N5P6Q7R8S9T0VWXYZ', 'entity=rounds&id=',
      'entity=rounds&id=01JZ8Y3K4N5P6Q7R8S9T0VWXYZ&action=delete', 'entity=rounds&entity=persons&id=01JZ8Y3K4N5P6Q7R8S9T0VWXYZ', '']) {
      const answer = await api.request('GET', `/audit?${query}`, { role: 'admin' });
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details.length).toBeGreaterThan(0);
    }
    const unknown = await api.request('GET', '/audit?entity=persons&id=01JZ8Y3K4N5P6Q7R8S9T0VWXYZ', { role: 'admin' });
    expect(unknown.body).toEqual({ items: [], nextCursor: null });
  });

  it.each(lifecycles)('records create, update, update, delete of %s: newest first, who, when, before and after', async (entity, body, change1, change2) => {
    // The trail keeps the record as stored: without what the server computes for each answer (a round's `disputed`).
    const asStored = ({ disputed: _disputed, ...record }: Rec) => record;
    const created = asStored(await write('POST', `/${entity}`, 'editor', body(), 201));
    const path = `/${entity}/${created.id}`;
    const v2 = asStored(await write('PATCH', path, 'editor', change1));
    const v3 = asStored(await write('PATCH', path, 'admin', change2));
    const beforeDelete = new Date().toISOString();
    await write('DELETE', path, 'admin', undefined, 204);

    const items = await trail(entity, created.id);
    expect(items.map((item) => item.action)).toEqual(['delete', 'update', 'update', 'create']);
    expect(items.map((item) => item.actor)).toEqual(['local-admin', 'local-admin', 'local-editor', 'local-editor']);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['action', 'actor', 'after', 'at', 'before']);
      expect(item.at).toMatch(ISO_UTC);
    }
    const [deleted, update2, update1, create] = items as [AuditEntry, AuditEntry, AuditEntry, AuditEntry];
    expect(create).toMatchObject({ at: created.createdAt, before: null });
    expect(create.after).toEqual(created);
    expect(update1.at).toBe(v2.updatedAt);
    expect(update1.before).toEqual(created);
    expect(update1.after).toEqual(v2);
    expect(update2.at).toBe(v3.updatedAt);
    expect(update2.before).toEqual(update1.after);
    expect(update2.after).toEqual(v3);
    expect(deleted.before).toEqual(update2.after);
    expect(deleted.after).toBeNull();
    expect(deleted.at >= beforeDelete).toBe(true);
    expect(items.map((item) => item.at)).toEqual([...items.map((item) => item.at)].sort().reverse());
    for (const record of [v2, v3]) expect(JSON.stringify(record)).not.toMatch(/"(PK|SK|GSI\d(PK|SK)|_references)"/);

    expect(await trail(entity, created.id, 1)).toEqual(items);
    expect(await trail(entity, created.id, 3)).toEqual(items);
  });
});

describe('writes that do not happen are not audited', () => {
  it('adds nothing for 412, 400, 409 and 422, and nothing for an idempotent replay', async () => {
    const round = await write('POST', '/rounds', 'editor', completedRound(), 201);
    const planned = await write('POST', '/rounds', 'editor', { date: '2026-01-10', status: 'planned' }, 201);
    const someone = await write('POST', '/persons', 'editor', person({ status: 'exchanged', roundId: round.id }), 201);
    const held = await write('POST', '/persons', 'editor', person(), 201);
    const trails = async () => ({
      round: await trail('rounds', round.id),
      planned: await trail('rounds', planned.id),
      someone: await trail('persons', someone.id),
      held: await trail('persons', held.id),
    });
    const before = await trails();
    expect(before.round.map((item) => item.action)).toEqual(['create']);
    expect(before.someone.map((item) => item.action)).toEqual(['create']);

    const refused: [string, string, TestRole, unknown, Record<string, string>, number][] = [
      ['PATCH', `/rounds/${round.id}`, 'editor', { notes: 'x' }, { 'if-match': '"7"' }, 412],
      ['DELETE', `/persons/${held.id}`, 'admin', undefined, { 'if-match': '"2"' }, 412],
      ['PATCH', `/rounds/${round.id}`, 'editor', { status: 'done' }, {}, 400],
      ['PATCH', `/persons/${someone.id}`, 'editor', { roundId: null }, {}, 400],
      ['PATCH', `/persons/${held.id}`, 'editor', { capturedOn: '2999-12-31' }, {}, 400],
      ['DELETE', `/rounds/${round.id}`, 'admin', undefined, {}, 409],
      ['PATCH', `/rounds/${round.id}`, 'editor', { status: 'cancelled', returnedToUkraine: null, returnedToRussia: null }, {}, 409],
      ['PATCH', `/persons/${held.id}`, 'editor', { status: 'exchanged', roundId: planned.id }, {}, 422],
      ['PATCH', `/persons/${someone.id}`, 'editor', { roundId: planned.id }, {}, 422],
      ['PATCH', `/persons/${held.id}`, 'viewer', { notes: 'x' }, {}, 403],
    ];
    for (const [method, path, role, body, headers, status] of refused) {
      const answer = await api.request(method, path, { role, body, headers });
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
    }
    expect(await trails()).toEqual(before);
    expect((await api.request('GET', `/rounds/${round.id}`)).body.version).toBe(1);
    expect((await api.request('GET', `/persons/${someone.id}`, { role: 'viewer' })).body.version).toBe(1);

    const key = { 'idempotency-key': 'audit-replay' };
    const first = await api.request('POST', '/repatriations', { role: 'editor', body: repatriation(), headers: key });
    const replay = await api.request('POST', '/repatriations', { role: 'editor', body: repatriation(), headers: key });
    const reused = await api.request('POST', '/repatriations', { role: 'editor', body: repatriation({ notes: 'x' }), headers: key });
    expect([first.status, replay.status, reused.status]).toEqual([201, 201, 409]);
    expect(replay.body.id).toBe(first.body.id);
    expect((await trail('repatriations', first.body.id)).map((item) => item.action)).toEqual(['create']);
  });
});

describe('audit order', () => {
  it('lists changes newest first even when they share one millisecond', async () => {
    const created = (await api.request('POST', '/repatriations', { role: 'editor', body: repatriation() })).body;
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-06-01T12:00:00.000Z') });
    try {
      for (let i = 1; i <= 3; i++) {
        const patched = await api.request('PATCH', `/repatriations/${created.id}`, { role: 'editor', body: { notes: `change ${i}` } });
        expect(patched.status).toBe(200);
      }
      expect((await api.request('DELETE', `/repatriations/${created.id}`, { role: 'admin' })).status).toBe(204);
    } finally {
      vi.useRealTimers();
    }
    const trail = (await api.request('GET', `/audit?entity=repatriations&id=${created.id}`, { role: 'admin' })).body.items;
    expect(trail.map((entry: { action: string }) => entry.action)).toEqual(['delete', 'update', 'update', 'update', 'create']);
    expect(trail.slice(1).map((entry: { after: { version: number } }) => entry.after.version)).toEqual([4, 3, 2, 1]);
    expect(new Set(trail.slice(0, 4).map((entry: { at: string }) => entry.at))).toEqual(new Set(['2026-06-01T12:00:00.000Z']));
  });
});

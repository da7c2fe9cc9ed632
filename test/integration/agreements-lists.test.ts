/**
 * Lists of agreements and negotiation events, and the lists by agreement: every filter, every
 * item exactly once across pages, the documented orders; roles and error shapes of the new routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { agreement, completedRound, negotiationEvent, plannedRound, repatriation } from '../support/fixtures';
import { idsOf, walkPages } from '../support/pages';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const create = (path: string, body: unknown) => api.create(path, body);

type Dated = { id: string; date: string };
const newestFirst = (records: Dated[]) => [...records].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
const oldestFirst = (records: Dated[]) => [...records].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

describe('agreement and negotiation lists', () => {
  it('filters and pages agreements by status and year, newest reachedOn first', async () => {
    const made = [];
    for (const [reachedOn, status] of [['2024-03-01', 'fulfilled'], ['2025-05-16', 'fulfilled'], ['2025-06-02', 'stalled'], ['2025-07-23', 'in_progress'], ['2025-07-23', 'stalled']] as const) {
      made.push(await create('/agreements', agreement({ reachedOn, status, title: `Deal of ${reachedOn}` })));
    }
    const byReached = (list: { id: string; reachedOn: string }[]) => newestFirst(list.map((a) => ({ id: a.id, date: a.reachedOn }))).map((a) => a.id);
    expect(idsOf(await walkPages(api, '/agreements', 2))).toEqual(byReached(made));
    expect(idsOf(await walkPages(api, '/agreements?year=2025', 1))).toEqual(byReached(made.filter((a) => a.reachedOn.startsWith('2025'))));
    expect(idsOf(await walkPages(api, '/agreements?status=stalled', 1))).toEqual(byReached(made.filter((a) => a.status === 'stalled')));
    expect(idsOf(await walkPages(api, '/agreements?status=stalled&year=2024', 5))).toEqual([]);
    const page = (await api.request('GET', '/agreements?limit=1')).body;
    expect(page.items[0].progress).toMatchObject({ rounds: 0 });
  });

  it('lists the rounds of an agreement oldest first, repatriations and events newest first, with their filters', async () => {
    const deal = await create('/agreements', agreement());
    const other = await create('/agreements', agreement({ title: 'Other' }));
    const rounds: Dated[] = [];
    for (let i = 0; i < 7; i++) {
      rounds.push(await create('/rounds', completedRound({ date: `2025-${String(8 + (i % 4)).padStart(2, '0')}-${String(10 + i)}`, agreementId: deal.id, stage: i + 1 })));
    }
    const planned = await create('/rounds', plannedRound({ date: '2026-01-20', agreementId: deal.id, stage: 8 }));
    await create('/rounds', completedRound({ date: '2025-08-12', agreementId: other.id, stage: 1 }));
    await create('/rounds', completedRound({ date: '2025-08-13' }));
    const all = [...rounds, planned];
    expect(idsOf(await walkPages(api, `/rounds?agreementId=${deal.id}`, 3))).toEqual(idsOf(oldestFirst(all)));
    expect(idsOf(await walkPages(api, `/rounds?agreementId=${deal.id}&status=completed`, 2))).toEqual(idsOf(oldestFirst(rounds)));
    expect(idsOf(await walkPages(api, `/rounds?agreementId=${deal.id}&from=2025-09-01&to=2025-10-31`, 1))).toEqual(
      idsOf(oldestFirst(all.filter((r) => r.date >= '2025-09-01' && r.date <= '2025-10-31'))),
    );
    expect(idsOf(await walkPages(api, `/rounds?agreementId=${deal.id}&year=2026`, 5))).toEqual([planned.id]);

    const bodies: Dated[] = [];
    for (const date of ['2025-06-11', '2025-06-13', '2025-06-16']) bodies.push(await create('/repatriations', repatriation({ date, agreementId: deal.id })));
    await create('/repatriations', repatriation({ date: '2025-06-12' }));
    expect(idsOf(await walkPages(api, `/repatriations?agreementId=${deal.id}`, 2))).toEqual(idsOf(newestFirst(bodies)));
    expect(idsOf(await walkPages(api, `/repatriations?agreementId=${deal.id}&to=2025-06-13`, 5))).toEqual(idsOf(newestFirst(bodies.slice(0, 2))));

    const events: (Dated & { kind: string })[] = [];
    for (const [date, kind] of [['2025-07-23', 'talks'], ['2025-08-06', 'statement'], ['2025-09-20', 'statement'], ['2025-11-11', 'technical_meeting']] as const) {
      events.push(await create('/negotiations', negotiationEvent({ date, kind, agreementId: deal.id })));
    }
    const unlinked = await create('/negotiations', negotiationEvent({ date: '2025-10-01', kind: 'statement' }));
    expect(idsOf(await walkPages(api, `/negotiations?agreementId=${deal.id}`, 3))).toEqual(idsOf(newestFirst(events)));
    expect(idsOf(await walkPages(api, `/negotiations?agreementId=${deal.id}&kind=statement`, 1))).toEqual(idsOf(newestFirst(events.filter((e) => e.kind === 'statement'))));
    expect(idsOf(await walkPages(api, '/negotiations?kind=statement&from=2025-09-01', 1))).toEqual(
      idsOf(newestFirst([...events, unlinked].filter((e) => e.kind === 'statement' && e.date >= '2025-09-01'))),
    );
    expect(idsOf(await walkPages(api, '/negotiations?year=2025', 2))).toEqual(idsOf(newestFirst([...events, unlinked])));
  });

  it('a cursor of one agreement is refused for another; an unknown filter value is 400', async () => {
    const deal = await create('/agreements', agreement());
    const other = await create('/agreements', agreement());
    for (let i = 0; i < 3; i++) await create('/rounds', completedRound({ date: `2025-08-1${i}`, agreementId: deal.id, stage: i + 1 }));
    const first = (await api.request('GET', `/rounds?agreementId=${deal.id}&limit=1`)).body;
    expect(first.nextCursor).not.toBeNull();
    const foreign = await api.request('GET', `/rounds?agreementId=${other.id}&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect([foreign.status, foreign.body.error.code]).toEqual([400, 'invalid_cursor']);
    const badKind = await api.request('GET', '/negotiations?kind=party');
    expect([badKind.status, badKind.body.error.details[0].path]).toEqual([400, 'query.kind']);
    const twice = await api.request('GET', '/agreements?status=stalled&status=fulfilled');
    expect(twice.status).toBe(400);
  });
});

describe('agreement and negotiation routes: roles and errors', () => {
  it('public reads, editor writes, admin deletes', async () => {
    expect((await api.request('GET', '/agreements')).status).toBe(200);
    expect((await api.request('GET', '/negotiations')).status).toBe(200);
    expect((await api.request('POST', '/agreements', { body: agreement() })).status).toBe(401);
    expect((await api.request('POST', '/agreements', { role: 'viewer', body: agreement() })).status).toBe(403);
    const deal = await create('/agreements', agreement());
    const event = await create('/negotiations', negotiationEvent());
    expect((await api.request('DELETE', `/agreements/${deal.id}`, { role: 'editor' })).status).toBe(403);
    expect((await api.request('DELETE', `/negotiations/${event.id}`, { role: 'editor' })).status).toBe(403);
    expect((await api.request('DELETE', `/negotiations/${event.id}`, { role: 'admin' })).status).toBe(204);
    expect((await api.request('DELETE', `/agreements/${deal.id}`, { role: 'admin' })).status).toBe(204);
  });

  it('400 names the field (progress is not accepted), 404 for an unknown id, 412 for a stale If-Match, audit of every change', async () => {
    const refused = await api.request('POST', '/agreements', { role: 'editor', body: { ...agreement(), progress: { rounds: 3 }, mediators: ['UAE', 'UAE'] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['mediators', 'progress']);
    const badCommitment = await api.request('POST', '/agreements', { role: 'editor', body: agreement({ commitments: [{ kind: 'people', toUkraine: -1 }] }) });
    expect(badCommitment.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['commitments.0.kind', 'commitments.0.toUkraine']);
    expect((await api.request('GET', '/agreements/01JZ8Y3K4N5P6Q7R8S9T0VWX99')).status).toBe(404);
    expect((await api.request('GET', '/negotiations/not-an-id')).status).toBe(404);

    const deal = await create('/agreements', agreement());
    const changed = await api.request('PATCH', `/agreements/${deal.id}`, { role: 'editor', body: { status: 'stalled', venue: null }, headers: { 'if-match': '"1"' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.body).not.toHaveProperty('venue');
    expect(changed.body.progress.committed.prisonersToUkraine).toBe(1200);
    const stale = await api.request('PATCH', `/agreements/${deal.id}`, { role: 'editor', body: { status: 'fulfilled' }, headers: { 'if-match': '"1"' } });
    expect([stale.status, stale.body.error.code]).toEqual([412, 'precondition_failed']);
    const audit = await api.request('GET', `/audit?entity=agreements&id=${deal.id}`, { role: 'admin' });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(audit.body.items[0].after.status).toBe('stalled');
    expect(audit.body.items[0].after).not.toHaveProperty('progress');

    const event = await create('/negotiations', negotiationEvent({ agreementId: deal.id }));
    const unlinked = await api.request('PATCH', `/negotiations/${event.id}`, { role: 'editor', body: { agreementId: '01JZ8Y3K4N5P6Q7R8S9T0VWX99' } });
    expect([unlinked.status, unlinked.body.error.details[0].path]).toEqual([422, 'agreementId']);
    const eventAudit = await api.request('GET', `/audit?entity=negotiations&id=${event.id}`, { role: 'admin' });
    expect(eventAudit.body.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('an idempotent POST of an agreement replays its first answer', async () => {
    const body = agreement({ title: 'Once' });
    const headers = { 'idempotency-key': 'agreement-once' };
    const first = await api.request('POST', '/agreements', { role: 'editor', body, headers });
    const again = await api.request('POST', '/agreements', { role: 'editor', body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

/**
 * An agreement's progress follows the records that name it at once (no refresh): creating,
 * changing, moving and deleting a linked round or repatriation, and a round leaving `completed`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { agreement, completedRound, repatriation } from '../support/fixtures';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const progressOf = async (id: string) => {
  const answer = await api.request('GET', `/agreements/${id}`);
  expect(answer.status).toBe(200);
  return answer.body.progress;
};
const create = (path: string, body: unknown) => api.create(path, body);
const patch = async (path: string, body: unknown) => {
  const answer = await api.request('PATCH', path, { role: 'editor', body });
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
};
const round = (date: string, stage: number, agreementId: string, ua: number | null, ru: number | null, extra: Record<string, unknown> = {}) =>
  completedRound({
    date,
    stage,
    agreementId,
    returnedToUkraine: ua === null ? null : { total: ua },
    returnedToRussia: ru === null ? null : { total: ru },
    ...extra,
  });

describe('progress of an agreement', () => {
  it('starts at nothing delivered, with committed from the numbered commitments and null where none is numbered', async () => {
    const created = await create('/agreements', agreement());
    expect(created.progress).toEqual({
      rounds: 0,
      stages: [],
      returnedToUkraine: 0,
      returnedToRussia: 0,
      roundsUndisclosed: 0,
      repatriations: 0,
      bodiesToUkraine: 0,
      bodiesToRussia: 0,
      committed: { prisonersToUkraine: 1200, prisonersToRussia: 1200, bodiesToUkraine: 3000, bodiesToRussia: null },
      remaining: { prisonersToUkraine: 1200, prisonersToRussia: 1200, bodiesToUkraine: 3000, bodiesToRussia: null },
      firstHandoverOn: null,
      lastHandoverOn: null,
    });
    expect(await progressOf(created.id)).toEqual(created.progress);
    expect(Object.keys(created)).toEqual([
      'id', 'title', 'reachedOn', 'venue', 'mediators', 'status', 'commitments', 'sources', 'progress', 'version', 'createdAt', 'updatedAt',
    ]);
  });

  it('adds each completed round and repatriation at the next read, counts undisclosed rounds, never goes below zero remaining', async () => {
    const deal = await create('/agreements', agreement());
    await create('/rounds', round('2025-08-24', 1, deal.id, 146, 146));
    await create('/rounds', round('2025-10-02', 2, deal.id, null, 185));
    await create('/repatriations', repatriation({ date: '2025-09-18', agreementId: deal.id, bodiesToUkraine: 3500, bodiesToRussia: null }));
    const progress = await progressOf(deal.id);
    expect(progress).toMatchObject({
      rounds: 2,
      stages: [1, 2],
      returnedToUkraine: 146,
      returnedToRussia: 331,
      roundsUndisclosed: 1,
      repatriations: 1,
      bodiesToUkraine: 3500,
      bodiesToRussia: 0,
      remaining: { prisonersToUkraine: 1054, prisonersToRussia: 869, bodiesToUkraine: 0, bodiesToRussia: null },
      firstHandoverOn: '2025-08-24',
      lastHandoverOn: '2025-10-02',
    });
  });

  it('follows a round that changes its figures, leaves completed, moves to another agreement, and is deleted', async () => {
    const first = await create('/agreements', agreement());
    const second = await create('/agreements', agreement({ title: 'Another deal', reachedOn: '2025-11-15', commitments: [] }));
    const linked = await create('/rounds', round('2025-12-30', 3, first.id, 100, 100));
    expect((await progressOf(first.id)).returnedToUkraine).toBe(100);

    await patch(`/rounds/${linked.id}`, { returnedToUkraine: { total: 150 } });
    expect((await progressOf(first.id)).returnedToUkraine).toBe(150);

    // A planned round names the deal but has delivered nothing.
    await patch(`/rounds/${linked.id}`, { status: 'planned', returnedToUkraine: null, returnedToRussia: null });
    expect(await progressOf(first.id)).toMatchObject({ rounds: 0, stages: [], returnedToUkraine: 0, lastHandoverOn: null });
    expect((await api.request('GET', `/rounds?agreementId=${first.id}`)).body.items.map((r: { id: string }) => r.id)).toEqual([linked.id]);

    await patch(`/rounds/${linked.id}`, { status: 'completed', returnedToUkraine: { total: 150 }, agreementId: second.id });
    expect((await progressOf(first.id)).rounds).toBe(0);
    expect(await progressOf(second.id)).toMatchObject({ rounds: 1, stages: [3], returnedToUkraine: 150, committed: { prisonersToUkraine: null }, remaining: { prisonersToUkraine: null } });
    expect((await api.request('GET', `/rounds?agreementId=${first.id}`)).body.items).toEqual([]);

    // Its stage is free again in the first agreement.
    await create('/rounds', round('2025-12-31', 3, first.id, 1, 1));

    await patch(`/rounds/${linked.id}`, { agreementId: null });
    expect((await progressOf(second.id)).rounds).toBe(0);
    expect((await api.request('DELETE', `/agreements/${second.id}`, { role: 'admin' })).status).toBe(204);

    const dated = await create('/rounds', round('2026-01-05', 4, first.id, 10, 10));
    expect((await api.request('DELETE', `/rounds/${dated.id}`, { role: 'admin' })).status).toBe(204);
    expect((await progressOf(first.id)).stages).toEqual([3]);
  });

  it('a round that moves date keeps one copy under its agreement, in date order', async () => {
    const deal = await create('/agreements', agreement());
    const a = await create('/rounds', round('2025-08-24', 1, deal.id, 1, 1));
    const b = await create('/rounds', round('2025-09-24', 2, deal.id, 2, 2));
    await patch(`/rounds/${a.id}`, { date: '2025-10-24' });
    const listed = (await api.request('GET', `/rounds?agreementId=${deal.id}`)).body.items;
    expect(listed.map((r: { id: string; date: string }) => [r.id, r.date])).toEqual([[b.id, '2025-09-24'], [a.id, '2025-10-24']]);
    expect((await progressOf(deal.id)).rounds).toBe(2);
  });
});

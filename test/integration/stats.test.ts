/** Statistics: zeros before anything, refreshed on demand (admins), read by anyone, safe to run twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { completedRound } from '../support/fixtures';
import { runScheduled } from '../../bin/local/schedule';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('statistics', () => {
  it('answers zeros on an empty registry, never a 404', async () => {
    const stats = await api.request('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.totals.rounds).toBe(0);
    expect(stats.body.byYear).toEqual([]);
    expect(stats.body.persons.total).toBe(0);
    const refreshed = await api.request('POST', '/stats/refresh', { role: 'admin' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.totals).toEqual(stats.body.totals);
  });

  it('lets only admins refresh', async () => {
    expect((await api.request('POST', '/stats/refresh')).status).toBe(401);
    expect((await api.request('POST', '/stats/refresh', { role: 'editor' })).status).toBe(403);
  });

  it('counts what the contract says after a refresh, and follows changes', async () => {
    const counted = (await api.request('POST', '/rounds', { role: 'editor', body: completedRound({ date: '2024-02-02' }) })).body;
    await api.request('POST', '/rounds', { role: 'editor', body: { date: '2024-03-03', status: 'completed', returnedToUkraine: { total: 10, civilians: 4 } } });
    await api.request('POST', '/rounds', { role: 'editor', body: { date: '2024-04-04', status: 'planned' } });
    await api.request('POST', '/repatriations', { role: 'editor', body: { date: '2025-01-01', bodiesToUkraine: 500, bodiesToRussia: null } });
    await api.request('POST', '/persons', {
      role: 'editor',
      body: { fullName: 'Held Person', side: 'ukraine', kind: 'military', status: 'held', categories: ['women'] },
    });
    await api.request('POST', '/persons', {
      role: 'editor',
      body: { fullName: 'Exchanged Person', side: 'ukraine', kind: 'civilian', status: 'exchanged', roundId: counted.id },
    });

    const refreshed = (await api.request('POST', '/stats/refresh', { role: 'admin' })).body;
    expect(refreshed.totals).toEqual({
      rounds: 2,
      returnedToUkraine: 400,
      returnedToRussia: 390,
      civiliansReturnedToUkraine: 124,
      civiliansReturnedToRussia: 0,
      roundsUndisclosed: 1,
      repatriations: 1,
      bodiesToUkraine: 500,
      bodiesToRussia: 0,
      // Neither round gives both sides' split (one side's count has no parts; the other is undisclosed).
      roundsWithoutSplit: 2,
      disputed: 0,
      ranges: {
        returnedToUkraine: { low: 400, high: 400 },
        returnedToRussia: { low: 390, high: 390 },
        bodiesToUkraine: { low: 500, high: 500 },
        bodiesToRussia: { low: 0, high: 0 },
      },
    });
    expect(refreshed.byYear.map((y: { year: number; rounds: number; repatriations: number }) => [y.year, y.rounds, y.repatriations])).toEqual([
      [2024, 2, 0],
      [2025, 0, 1],
    ]);
    expect(refreshed.persons).toMatchObject({ total: 2, awaitingExchange: 1, bySide: { ukraine: 2, russia: 0 } });
    expect(refreshed.persons.byStatus).toMatchObject({ held: 1, exchanged: 1 });
    expect(refreshed.persons.byCategory.women).toBe(1);
    expect((await api.request('GET', '/stats')).body).toEqual(refreshed);

    // Out of `completed` means out of the figures.
    const planned = (await api.request('GET', '/rounds?status=completed&year=2024')).body.items.find((r: { date: string }) => r.date === '2024-03-03');
    await api.request('PATCH', `/rounds/${planned.id}`, { role: 'editor', body: { status: 'postponed', returnedToUkraine: null } });
    const after = (await api.request('POST', '/stats/refresh', { role: 'admin' })).body;
    expect(after.totals).toMatchObject({ rounds: 1, returnedToUkraine: 390, roundsUndisclosed: 0 });
  });

  it('two refreshes at once both answer, and the newer picture is the one kept', async () => {
    const [a, b] = await Promise.all([
      api.request('POST', '/stats/refresh', { role: 'admin' }),
      api.request('POST', '/stats/refresh', { role: 'admin' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const kept = (await api.request('GET', '/stats')).body;
    expect(kept.generatedAt).toBe([a.body.generatedAt, b.body.generatedAt].sort().at(-1));
    expect(kept.totals).toEqual(a.body.totals);
  });

  it('runs from a scheduled event, as EventBridge (or the local timer) invokes it', async () => {
    const before = (await api.request('GET', '/stats')).body.generatedAt;
    const result = (await runScheduled('stats-refresh')) as { generatedAt: string; itemsRead: number };
    expect(result.generatedAt > before).toBe(true);
    expect(result.itemsRead).toBeGreaterThan(0);
    expect((await api.request('GET', '/stats')).body.generatedAt).toBe(result.generatedAt);
  });
});

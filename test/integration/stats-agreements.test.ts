/** `byAgreement` and `latest` in the statistics: the same progress as the agreement's own read, at the refresh. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { agreement, completedRound, negotiationEvent, plannedRound, repatriation } from '../support/fixtures';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const create = (path: string, body: unknown) => api.create(path, body);
const refresh = async () => (await api.request('POST', '/stats/refresh', { role: 'admin' })).body;

describe('statistics of agreements', () => {
  it('are empty, with no latest dates, on an empty registry', async () => {
    const stats = (await api.request('GET', '/stats')).body;
    expect(stats.byAgreement).toEqual([]);
    expect(stats.latest).toEqual({ roundOn: null, repatriationOn: null, negotiationOn: null, daysSinceRound: null });
  });

  it('give each agreement, oldest reachedOn first, the progress its own read gives, and the latest dates', async () => {
    const later = await create('/agreements', agreement({ reachedOn: '2025-07-23', title: 'Later' }));
    const earlier = await create('/agreements', agreement({ reachedOn: '2025-05-16', title: 'Earlier', status: 'fulfilled', commitments: [{ kind: 'prisoners', toUkraine: 1000, toRussia: 1000 }] }));
    await create('/rounds', completedRound({ date: '2025-05-23', agreementId: earlier.id, stage: 1, returnedToUkraine: { total: 390 }, returnedToRussia: { total: 390 } }));
    await create('/rounds', completedRound({ date: '2025-05-24', agreementId: earlier.id, stage: 2, returnedToUkraine: { total: 307 }, returnedToRussia: null }));
    await create('/rounds', plannedRound({ date: '2026-02-01', agreementId: later.id, stage: 3 }));
    await create('/rounds', completedRound({ date: '2025-08-24', agreementId: later.id, stage: 1 }));
    await create('/rounds', completedRound({ date: '2025-10-02' }));
    await create('/repatriations', repatriation({ date: '2025-06-11', agreementId: later.id }));
    await create('/repatriations', repatriation({ date: '2025-11-20' }));
    await create('/negotiations', negotiationEvent({ date: '2025-12-11' }));
    await create('/negotiations', negotiationEvent({ date: '2025-11-11', agreementId: later.id }));

    const at = new Date();
    const stats = await refresh();
    expect(stats.byAgreement.map((a: { agreementId: string }) => a.agreementId)).toEqual([earlier.id, later.id]);
    for (const entry of stats.byAgreement) {
      const own = (await api.request('GET', `/agreements/${entry.agreementId}`)).body;
      const { agreementId, title, status, reachedOn, ...progress } = entry;
      expect({ agreementId, title, status, reachedOn }).toEqual({ agreementId: own.id, title: own.title, status: own.status, reachedOn: own.reachedOn });
      expect(progress).toEqual(own.progress);
    }
    expect(stats.byAgreement[0]).toMatchObject({ rounds: 2, returnedToUkraine: 697, returnedToRussia: 390, roundsUndisclosed: 1, remaining: { prisonersToUkraine: 303 } });
    const today = at.toISOString().slice(0, 10);
    expect(stats.latest).toEqual({
      roundOn: '2025-10-02',
      repatriationOn: '2025-11-20',
      negotiationOn: '2025-12-11',
      daysSinceRound: Math.round((Date.parse(today) - Date.parse('2025-10-02')) / 86_400_000),
    });
    expect((await api.request('GET', '/stats')).body).toEqual(stats);
  });
});

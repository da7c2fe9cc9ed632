/** A source's figures: `disputed` follows at once, the statistics at the next refresh. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { completedRound, repatriation } from '../support/fixtures';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const babel = { url: 'https://babel.ua/en/news/114094', publisher: 'Babel (Zelensky)', side: 'ukraine' };
const aljazeera = { url: 'https://www.aljazeera.com/news/2024/12/30/example', publisher: 'Al Jazeera (Russia\'s defence ministry)', side: 'russia' };
const refresh = async () => (await api.request('POST', '/stats/refresh', { role: 'admin' })).body;

describe('disputed figures', () => {
  it('a PATCH of a source changes `disputed` at once and the stats at the next refresh', async () => {
    const created = await api.request('POST', '/rounds', {
      role: 'editor',
      body: completedRound({ date: '2024-12-30', returnedToUkraine: { total: 189 }, returnedToRussia: { total: 150 }, sources: [babel] }),
    });
    expect(created.status).toBe(201);
    expect(created.body.disputed).toBe(false);
    const before = await refresh();
    expect(before.totals).toMatchObject({ disputed: 0, ranges: { returnedToUkraine: { low: 189, high: 189 }, returnedToRussia: { low: 150, high: 150 } } });

    const patched = await api.request('PATCH', `/rounds/${created.body.id}`, {
      role: 'editor',
      body: { sources: [{ ...babel, figures: { returnedToUkraine: 189 } }, { ...aljazeera, figures: { returnedToUkraine: 150, returnedToRussia: 150 } }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.disputed).toBe(true);
    expect((await api.request('GET', `/rounds/${created.body.id}`)).body.disputed).toBe(true);
    expect((await api.request('GET', '/rounds?year=2024')).body.items[0].disputed).toBe(true);
    // Not yet in the stats: they change at the refresh.
    expect((await api.request('GET', '/stats')).body.totals.disputed).toBe(0);

    const after = await refresh();
    const year = after.byYear.find((y: { year: number }) => y.year === 2024);
    for (const totals of [after.totals, year]) {
      expect(totals).toMatchObject({
        rounds: 1,
        returnedToUkraine: 189,
        disputed: 1,
        roundsWithoutSplit: 1,
        ranges: { returnedToUkraine: { low: 150, high: 189 }, returnedToRussia: { low: 150, high: 150 }, bodiesToUkraine: { low: 0, high: 0 } },
      });
    }

    // The claims withdrawn: the record and, after the next refresh, the stats are settled again.
    const settled = await api.request('PATCH', `/rounds/${created.body.id}`, { role: 'editor', body: { sources: [babel] } });
    expect(settled.body.disputed).toBe(false);
    expect((await refresh()).totals).toMatchObject({ disputed: 0, ranges: { returnedToUkraine: { low: 189, high: 189 } } });
  });

  it('a repatriation with an undisclosed figure and a claim: the claim is its range, the headline total stays a floor', async () => {
    const created = await api.request('POST', '/repatriations', {
      role: 'editor',
      body: repatriation({ date: '2022-06-07', bodiesToUkraine: 160, bodiesToRussia: null, sources: [{ url: 'https://ukranews.com/en/news/861513', side: 'independent', figures: { bodiesToUkraine: 162, bodiesToRussia: 160 } }] }),
    });
    expect(created.body.disputed).toBe(true);
    const stats = await refresh();
    const year = stats.byYear.find((y: { year: number }) => y.year === 2022);
    expect(year).toMatchObject({ bodiesToUkraine: 160, bodiesToRussia: 0, disputed: 1, ranges: { bodiesToUkraine: { low: 160, high: 162 }, bodiesToRussia: { low: 160, high: 160 } } });
    const audit = await api.request('GET', `/audit?entity=repatriations&id=${created.body.id}`, { role: 'admin' });
    expect(audit.body.items[0].after).not.toHaveProperty('disputed');
    expect(audit.body.items[0].after.sources[0].figures).toEqual({ bodiesToUkraine: 162, bodiesToRussia: 160 });
  });

  it('refuses a figure a record does not have, naming it, and writes nothing', async () => {
    const refused = await api.request('POST', '/rounds', { role: 'editor', body: completedRound({ sources: [{ ...babel, figures: { bodiesToUkraine: 5 } }] }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'sources.0.figures.bodiesToUkraine', message: 'Unknown field' }]);
  });
});

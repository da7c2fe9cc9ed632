import { describe, expect, it } from 'vitest';
import { emptyStats, StatsTally } from '../../lambdas/domain/stats';

const AT = '2026-01-01T00:00:00.000Z';

describe('statistics tally', () => {
  it('is all zeros for an empty registry, with every status, side and category present', () => {
    const stats = emptyStats(AT);
    expect(stats.generatedAt).toBe(AT);
    const { ranges, ...counts } = stats.totals;
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(Object.values(ranges)).toEqual(Array(4).fill({ low: 0, high: 0 }));
    expect(stats.byYear).toEqual([]);
    expect(stats.persons.byStatus).toEqual({ missing: 0, held: 0, exchanged: 0, declined_exchange: 0, released: 0, deceased: 0 });
    expect(stats.persons.bySide).toEqual({ ukraine: 0, russia: 0 });
    expect(Object.keys(stats.persons.byCategory)).toHaveLength(11);
    expect(stats.persons.total + stats.persons.awaitingExchange).toBe(0);
  });

  it('counts completed rounds only; a null figure adds 0 and marks the round undisclosed', () => {
    const tally = new StatsTally();
    tally.addRound({ date: '2024-05-01', status: 'completed', returnedToUkraine: { total: 75, civilians: 5 }, returnedToRussia: { total: 75, military: 70, civilians: 5 } as never });
    tally.addRound({ date: '2024-06-01', status: 'completed', returnedToUkraine: { total: 90 }, returnedToRussia: null });
    tally.addRound({ date: '2025-01-01', status: 'completed', returnedToUkraine: null, returnedToRussia: null });
    tally.addRound({ date: '2025-02-01', status: 'planned', returnedToUkraine: null, returnedToRussia: null });
    tally.addRound({ date: '2025-03-01', status: 'cancelled' });
    const { totals, byYear } = tally.result(AT);
    expect(totals).toMatchObject({ rounds: 3, returnedToUkraine: 165, returnedToRussia: 75, civiliansReturnedToUkraine: 5, civiliansReturnedToRussia: 5, roundsUndisclosed: 2 });
    expect(byYear.map((y) => [y.year, y.rounds, y.returnedToUkraine, y.roundsUndisclosed])).toEqual([
      [2024, 2, 165, 1],
      [2025, 1, 0, 1],
    ]);
  });

  it('adds repatriations by year, null bodies adding nothing, and sorts years ascending', () => {
    const tally = new StatsTally();
    tally.addRepatriation({ date: '2025-06-11', bodiesToUkraine: 1212, bodiesToRussia: 27 });
    tally.addRepatriation({ date: '2023-01-01', bodiesToUkraine: 45, bodiesToRussia: null });
    const { totals, byYear } = tally.result(AT);
    expect(totals).toMatchObject({ repatriations: 2, bodiesToUkraine: 1257, bodiesToRussia: 27, rounds: 0 });
    expect(byYear.map((y) => y.year)).toEqual([2023, 2025]);
    expect(byYear[0]).toMatchObject({ year: 2023, repatriations: 1, bodiesToUkraine: 45, bodiesToRussia: 0 });
  });

  it('counts persons by status, side and category; held persons await exchange', () => {
    const tally = new StatsTally();
    tally.addPerson({ status: 'held', side: 'ukraine', categories: ['women', 'medics'] });
    tally.addPerson({ status: 'held', side: 'russia' });
    tally.addPerson({ status: 'exchanged', side: 'ukraine', categories: ['women'] });
    const { persons } = tally.result(AT);
    expect(persons).toMatchObject({ total: 3, awaitingExchange: 2 });
    expect(persons.byStatus).toMatchObject({ held: 2, exchanged: 1, missing: 0 });
    expect(persons.bySide).toEqual({ ukraine: 2, russia: 1 });
    expect(persons.byCategory).toMatchObject({ women: 2, medics: 1, officers: 0 });
  });

  it('hands out a copy: a later addition does not change an earlier result', () => {
    const tally = new StatsTally();
    tally.addPerson({ status: 'held', side: 'ukraine' });
    const first = tally.result(AT);
    tally.addPerson({ status: 'held', side: 'ukraine' });
    expect(first.persons.total).toBe(1);
    expect(first.persons.byStatus.held).toBe(1);
  });
});

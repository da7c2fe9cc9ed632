import { describe, expect, it } from 'vitest';
import { committedOf, ProgressTally } from '../../lambdas/domain/progress';
import { StatsTally } from '../../lambdas/domain/stats';

const count = (total: number) => ({ total });

describe('progress of an agreement', () => {
  it('counts completed rounds only, undisclosed ones at 0 and marked, stages distinct and ascending', () => {
    const tally = new ProgressTally();
    tally.addRound({ date: '2025-06-10', status: 'completed', stage: 2, returnedToUkraine: null, returnedToRussia: null });
    tally.addRound({ date: '2025-06-09', status: 'completed', stage: 1, returnedToUkraine: count(10), returnedToRussia: count(12) });
    tally.addRound({ date: '2025-06-20', status: 'postponed', stage: 3 });
    tally.addRound({ date: '2025-06-12', status: 'completed', stage: 2, returnedToUkraine: count(5), returnedToRussia: null });
    tally.addRepatriation({ date: '2025-06-16', bodiesToUkraine: 1245, bodiesToRussia: null });
    const progress = tally.result([{ kind: 'prisoners', toUkraine: 10 }, { kind: 'bodies', toUkraine: 6000, toRussia: 6000 }, { kind: 'prisoners', toUkraine: 5, toRussia: null }]);
    expect(progress).toEqual({
      rounds: 3,
      stages: [1, 2],
      returnedToUkraine: 15,
      returnedToRussia: 12,
      roundsUndisclosed: 2,
      repatriations: 1,
      bodiesToUkraine: 1245,
      bodiesToRussia: 0,
      committed: { prisonersToUkraine: 15, prisonersToRussia: null, bodiesToUkraine: 6000, bodiesToRussia: 6000 },
      remaining: { prisonersToUkraine: 0, prisonersToRussia: null, bodiesToUkraine: 4755, bodiesToRussia: 6000 },
      firstHandoverOn: '2025-06-09',
      lastHandoverOn: '2025-06-16',
    });
  });

  it('never has a negative remaining, and no commitment numbers means nothing committed', () => {
    const tally = new ProgressTally();
    tally.addRepatriation({ date: '2025-06-11', bodiesToUkraine: 6057, bodiesToRussia: 27 });
    expect(tally.result([{ kind: 'bodies', toUkraine: 6000, toRussia: 6000 }]).remaining).toEqual({
      prisonersToUkraine: null, prisonersToRussia: null, bodiesToUkraine: 0, bodiesToRussia: 5973,
    });
    expect(committedOf([{ kind: 'prisoners', categories: ['young_soldiers'] }, { kind: 'prisoners', toUkraine: null }])).toEqual({
      prisonersToUkraine: null, prisonersToRussia: null, bodiesToUkraine: null, bodiesToRussia: null,
    });
    expect(committedOf()).toEqual(committedOf([]));
  });

  it('in the statistics: the same tally per agreement, oldest reachedOn first, and days since the last completed round', () => {
    const stats = new StatsTally();
    stats.addRound({ date: '2025-05-23', status: 'completed', agreementId: 'B', stage: 1, returnedToUkraine: count(390), returnedToRussia: count(390) });
    stats.addRound({ date: '2025-10-02', returnedToUkraine: count(185), returnedToRussia: count(185) });
    stats.addRound({ date: '2026-01-01', status: 'planned', agreementId: 'B', stage: 2 });
    stats.addRepatriation({ date: '2025-11-20', bodiesToUkraine: 1000, bodiesToRussia: 30, agreementId: 'A' });
    const result = stats.result(
      '2025-10-12T23:59:59.000Z',
      [
        { id: 'A', title: 'Later', status: 'stalled', reachedOn: '2025-07-23' },
        { id: 'B', title: 'Earlier', status: 'fulfilled', reachedOn: '2025-05-16', commitments: [{ kind: 'prisoners', toUkraine: 1000, toRussia: 1000 }] },
        { id: 'C', title: 'Nothing yet', status: 'agreed', reachedOn: '2025-12-01' },
      ],
      '2025-12-11',
    );
    expect(result.byAgreement.map((a) => [a.agreementId, a.rounds, a.repatriations, a.remaining.prisonersToUkraine])).toEqual([
      ['B', 1, 0, 610],
      ['A', 0, 1, null],
      ['C', 0, 0, null],
    ]);
    expect(result.latest).toEqual({ roundOn: '2025-10-02', repatriationOn: '2025-11-20', negotiationOn: '2025-12-11', daysSinceRound: 10 });
  });
});

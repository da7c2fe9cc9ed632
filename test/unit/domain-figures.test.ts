/** Disputed figures and ranges: one record's spread, and the statistics' sums of them. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundFigures, spreadOf } from '../../lambdas/domain/figures';
import { isRoundDisputed, roundInput } from '../../lambdas/domain/round';
import { isRepatriationDisputed, repatriationInput } from '../../lambdas/domain/repatriation';
import { StatsTally } from '../../lambdas/domain/stats';
import { statedFiguresAttribute } from '../../lambdas/store/keys';

const url = 'https://example.org/a';

describe('the spread of one record', () => {
  it('an undisclosed headline with two claims: the range of the claims, disputed', () => {
    const evidence = { headline: { returnedToUkraine: null, returnedToRussia: null }, sources: [{ figures: { returnedToUkraine: 189 } }, { figures: { returnedToUkraine: 150, returnedToRussia: 150 } }] };
    expect(spreadOf(evidence, roundFigures)).toEqual({
      ranges: { returnedToUkraine: { low: 150, high: 189 }, returnedToRussia: { low: 150, high: 150 } },
      disputed: true,
    });
  });

  it('equal claims, or claims equal to the headline, are no dispute; a figure nobody states has no range', () => {
    const evidence = { headline: { returnedToUkraine: 150, returnedToRussia: null }, sources: [{ figures: { returnedToUkraine: 150 } }, { figures: { returnedToUkraine: 150 } }, {}] };
    expect(spreadOf(evidence, roundFigures)).toEqual({ ranges: { returnedToUkraine: { low: 150, high: 150 }, returnedToRussia: null }, disputed: false });
  });

  it('is what a record answers as `disputed`', () => {
    const round = { returnedToUkraine: { total: 150 }, returnedToRussia: { total: 150 }, sources: [{ url, figures: { returnedToUkraine: 189 } }] };
    expect(isRoundDisputed(round)).toBe(true);
    expect(isRoundDisputed({ ...round, sources: [{ url, figures: { returnedToRussia: 150 } }] })).toBe(false);
    expect(isRepatriationDisputed({ bodiesToUkraine: 160, bodiesToRussia: null, sources: [{ url, figures: { bodiesToUkraine: 162 } }] })).toBe(true);
  });

  it('a source states only the figures of its record: other keys are refused, with the field named', () => {
    const refused = roundInput.safeParse({ date: '2024-12-30', status: 'completed', sources: [{ url, side: 'ukraine', figures: { bodiesToUkraine: 3 } }] });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((issue) => [...issue.path, ...('keys' in issue ? issue.keys : [])].join('.'))).toEqual(['sources.0.figures.bodiesToUkraine']);
    expect(repatriationInput.safeParse({ date: '2022-06-07', sources: [{ url, figures: { returnedToUkraine: 1 } }] }).success).toBe(false);
    expect(roundInput.safeParse({ date: '2024-12-30', status: 'completed', sources: [{ url, side: 'kremlin' }] }).success).toBe(false);
    expect(roundInput.safeParse({ date: '2024-12-30', status: 'completed', sources: [{ url, side: 'russia', figures: { returnedToUkraine: -1 } }] }).success).toBe(false);
  });
});

describe('ranges and disputes in the statistics', () => {
  it('a claim on a round that is not completed does not count, nor does the round', () => {
    const tally = new StatsTally();
    tally.addRound({ date: '2024-12-30', status: 'planned', _statedFigures: [{ returnedToUkraine: 189 }] });
    const { totals } = tally.result('2025-01-01T00:00:00.000Z');
    expect([totals.disputed, totals.ranges.returnedToUkraine, totals.roundsWithoutSplit]).toEqual([0, { low: 0, high: 0 }, 0]);
  });

  it('counts a round without split where a side is undisclosed or gives neither part; a military part alone gives the civilians', () => {
    const tally = new StatsTally();
    tally.addRound({ date: '2024-01-01', returnedToUkraine: { total: 10, civilians: 4 }, returnedToRussia: { total: 10, military: 7 } });
    tally.addRound({ date: '2024-01-02', returnedToUkraine: { total: 10, civilians: 4 }, returnedToRussia: { total: 10 } });
    tally.addRound({ date: '2024-01-03', returnedToUkraine: { total: 10, military: 10 }, returnedToRussia: null });
    const { totals } = tally.result('2025-01-01T00:00:00.000Z');
    expect(totals.roundsWithoutSplit).toBe(2);
    expect(totals.civiliansReturnedToUkraine).toBe(8);
    expect(totals.civiliansReturnedToRussia).toBe(3);
  });

  // The stored record → what the stats index projects → the tally: the path a refresh takes.
  const count = fc.option(fc.record({ total: fc.nat(2000) }), { nil: null });
  const statedFigure = fc.option(fc.nat(2000), { nil: undefined });
  const sourceArbitrary = fc.record({ url: fc.constant(url), figures: fc.option(fc.record({ returnedToUkraine: statedFigure, returnedToRussia: statedFigure }), { nil: undefined }) });
  const roundArbitrary = fc.record({ date: fc.constant('2024-06-01'), returnedToUkraine: count, returnedToRussia: count, sources: fc.array(sourceArbitrary, { maxLength: 4 }) });
  const withoutUndefined = <T extends object>(value: T): T => JSON.parse(JSON.stringify(value));

  it('low ≤ the sum of disclosed headline figures ≤ high, when every headline is disclosed; total ≤ high always', () => {
    fc.assert(
      fc.property(fc.array(roundArbitrary, { maxLength: 30 }), (rounds) => {
        const tally = new StatsTally();
        for (const round of rounds) tally.addRound({ ...round, ...withoutUndefined(statedFiguresAttribute(withoutUndefined(round))) });
        const { totals } = tally.result('2025-01-01T00:00:00.000Z');
        for (const figure of roundFigures) {
          const range = totals.ranges[figure];
          expect(range.low).toBeLessThanOrEqual(range.high);
          expect(totals[figure]).toBeLessThanOrEqual(range.high);
          if (rounds.every((round) => round[figure] !== null)) expect(range.low).toBeLessThanOrEqual(totals[figure]);
        }
        const disputed = rounds.filter((round) => isRoundDisputed(withoutUndefined(round))).length;
        expect(totals.disputed).toBe(disputed);
        if (disputed === 0) for (const figure of roundFigures) expect(totals.ranges[figure].high - totals.ranges[figure].low).toBe(0);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});

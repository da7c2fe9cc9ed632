import { describe, expect, it } from 'vitest';
import { applyPatch, withoutServerFields } from '../../lambdas/domain/patch';
import { dateWindow } from '../../lambdas/domain/date-window';
import { idPattern, newId } from '../../lambdas/domain/ids';
import { issuesToDetails } from '../../lambdas/domain/issues';
import { rounds } from '../../lambdas/resources/rounds';
import { roundsQuery } from '../../lambdas/store/keys';

describe('applyPatch', () => {
  const current = { date: '2025-01-01', status: 'planned', notes: 'old', stage: 2 };

  it('replaces fields given a value and keeps the others', () => {
    expect(applyPatch(current, { notes: 'new' })).toEqual({ date: '2025-01-01', status: 'planned', notes: 'new', stage: 2 });
  });

  it('deletes fields given null', () => {
    const next = applyPatch(current, { notes: null, stage: null });
    expect(next).toEqual({ date: '2025-01-01', status: 'planned' });
    expect('notes' in next).toBe(false);
  });

  it('ignores undefined and adds new fields', () => {
    expect(applyPatch(current, { notes: undefined, mediator: 'UAE' })).toEqual({ ...current, mediator: 'UAE' });
  });

  it('does not mutate the current record', () => {
    const copy = structuredClone(current);
    applyPatch(current, { notes: null, date: '2026-01-01' });
    expect(current).toEqual(copy);
  });

  it('replaces nested values as a whole, not merged', () => {
    const next = applyPatch({ returnedToUkraine: { total: 5, military: 5 } }, { returnedToUkraine: { total: 7 } });
    expect(next).toEqual({ returnedToUkraine: { total: 7 } });
  });

  it('withoutServerFields strips id, version, createdAt and updatedAt only', () => {
    expect(withoutServerFields({ id: 'x', version: 2, createdAt: 'a', updatedAt: 'b', date: 'd' })).toEqual({ date: 'd' });
  });
});

describe('dateWindow', () => {
  it('is open with no filter', () => {
    expect(dateWindow({})).toEqual({ from: undefined, to: undefined });
  });

  it('turns a year into its first and last day', () => {
    expect(dateWindow({ year: 2024 })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('intersects a year with from/to', () => {
    expect(dateWindow({ year: 2024, from: '2024-03-01' })).toEqual({ from: '2024-03-01', to: '2024-12-31' });
    expect(dateWindow({ year: 2024, to: '2024-05-31' })).toEqual({ from: '2024-01-01', to: '2024-05-31' });
    expect(dateWindow({ year: 2024, from: '2023-01-01', to: '2025-12-31' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('is empty when the year and the range are disjoint', () => {
    expect(dateWindow({ year: 2024, from: '2025-01-01' })).toBe('empty');
    expect(dateWindow({ year: 2024, to: '2023-12-31' })).toBe('empty');
  });

  it('is empty when from is after to, and a single day when they are equal', () => {
    expect(dateWindow({ from: '2025-02-01', to: '2025-01-31' })).toBe('empty');
    expect(dateWindow({ from: '2025-02-01', to: '2025-02-01' })).toEqual({ from: '2025-02-01', to: '2025-02-01' });
  });
});

describe('rounds list query', () => {
  it('answers nothing without a query when the window is empty', () => {
    expect(rounds.listQuery({ year: 2024, from: '2025-01-01' })).toBeUndefined();
  });

  it('uses GSI2 for a status and GSI1 otherwise, with an inclusive whole-day range', () => {
    expect(roundsQuery({ status: 'completed', from: '2024-01-01', to: '2024-12-31' })).toMatchObject({
      indexName: 'GSI2',
      partition: { name: 'GSI2PK', value: 'ROUNDS#STATUS#completed' },
      range: { name: 'GSI2SK', from: '2024-01-01#', to: '2024-12-31#~' },
    });
    const all = roundsQuery({});
    expect(all).toMatchObject({ indexName: 'GSI1', partition: { name: 'GSI1PK', value: 'ROUNDS' } });
    expect(all.range).toBeUndefined();
  });

  it('a range end sorts after every id on that day', () => {
    const query = roundsQuery({ to: '2024-12-31' });
    expect(`2024-12-31#${'Z'.repeat(26)}` < query.range!.to).toBe(true);
    expect(`2025-01-01#${'0'.repeat(26)}` > query.range!.to).toBe(true);
  });
});

describe('ids', () => {
  it('are 26 characters of the ULID alphabet and match idPattern', () => {
    for (let i = 0; i < 200; i++) {
      const id = newId();
      expect(id).toHaveLength(26);
      expect(id).toMatch(idPattern);
    }
  });

  it('sort by creation time', () => {
    const times = [0, 1, 31, 32, 1_000, 1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000, 2 ** 48 - 1];
    const ids = times.map((t) => newId(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('encode the time in the first 10 characters', () => {
    expect(newId(0).slice(0, 10)).toBe('0000000000');
    expect(newId(32).slice(0, 10)).toBe('0000000010');
    expect(newId(1_700_000_000_000).slice(0, 10)).toBe(newId(1_700_000_000_000).slice(0, 10));
  });

  it('differ within one millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
  });

  it('idPattern refuses I, L, O, U, lower case and other lengths', () => {
    for (const bad of ['01JZ8Y3K4N5P6Q7R8S9T0VWXYI', '01JZ8Y3K4N5P6Q7R8S9T0VWXYL', '01JZ8Y3K4N5P6Q7R8S9T0VWXYO',
      '01JZ8Y3K4N5P6Q7R8S9T0VWXYU', '01jz8y3k4n5p6q7r8s9t0vwxyz', '01JZ8Y3K4N5P6Q7R8S9T0VWXY', '01JZ8Y3K4N5P6Q7R8S9T0VWXYZ0']) {
      expect(bad).not.toMatch(idPattern);
    }
  });
});

describe('issuesToDetails', () => {
  it('names nested paths with dots and a prefix', () => {
    const details = issuesToDetails(
      [{ code: 'custom', path: ['sources', 0, 'url'], message: 'bad', input: 1 }],
      'query',
    );
    expect(details).toEqual([{ path: 'query.sources.0.url', message: 'bad' }]);
  });

  it('splits unrecognized keys into one detail per key', () => {
    const details = issuesToDetails([{ code: 'unrecognized_keys', keys: ['a', 'b'], path: ['count'], message: 'x', input: {} }]);
    expect(details).toEqual([
      { path: 'count.a', message: 'Unknown field' },
      { path: 'count.b', message: 'Unknown field' },
    ]);
  });

  it('names a root issue "(root)" without a prefix and the prefix with one', () => {
    expect(issuesToDetails([{ code: 'custom', path: [], message: 'm', input: 1 }])[0]!.path).toBe('(root)');
    expect(issuesToDetails([{ code: 'custom', path: [], message: 'm', input: 1 }], 'path')[0]!.path).toBe('path');
  });
});

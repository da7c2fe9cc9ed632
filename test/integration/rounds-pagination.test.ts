/** Lists: filters as key conditions, opaque cursors, every item exactly once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { completedRound, plannedRound } from '../support/fixtures';
import { encodeCursor } from '../../lambdas/http/cursor';
import { roundsQuery } from '../../lambdas/store/keys';

let api: LocalApi;
const created: { id: string; date: string; status: string }[] = [];

beforeAll(async () => {
  api = await startLocalApi();
  // 45 rounds over 2023–2025, several on the same day, a third of them planned.
  const bodies = Array.from({ length: 45 }, (_, i) => {
    const date = `${2023 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 5) + 10)}`;
    return i % 3 === 1 ? plannedRound({ date }) : completedRound({ date });
  });
  for (const body of bodies) {
    const response = await api.request('POST', '/rounds', { role: 'editor', body });
    created.push(response.body);
  }
});
afterAll(() => api.close());

async function walk(query: string, limit: number): Promise<{ id: string; date: string; status: string }[]> {
  const seen = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = query ? '&' : '';
    const path: string = `/rounds?${query}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { status: number; body: { items: { id: string; date: string; status: string }[]; nextCursor: string | null } } = await api.request('GET', path);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.body.items);
    cursor = page.body.nextCursor;
    if (cursor) expect(page.body.items.length).toBe(limit);
    expect(++pages).toBeLessThan(100);
  } while (cursor);
  return seen;
}

const newestFirst = (a: { date: string; id: string }, b: { date: string; id: string }) =>
  a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1;

describe('listing rounds', () => {
  it('walks all pages: every round exactly once, newest date first', async () => {
    for (const limit of [1, 7, 45, 100]) {
      const seen = await walk('', limit);
      expect(seen.map((r) => r.id)).toEqual([...created].sort(newestFirst).map((r) => r.id));
    }
  });

  it('answers 25 items by default, with a cursor to the rest', async () => {
    const page = await api.request('GET', '/rounds');
    expect(page.body.items).toHaveLength(25);
    expect(typeof page.body.nextCursor).toBe('string');
  });

  it('filters by year, status and an inclusive date range, and pages through the filter', async () => {
    const expected = (keep: (r: { date: string; status: string }) => boolean) => created.filter(keep).sort(newestFirst).map((r) => r.id);
    expect((await walk('year=2024', 4)).map((r) => r.id)).toEqual(expected((r) => r.date.startsWith('2024')));
    expect((await walk('status=planned', 4)).map((r) => r.id)).toEqual(expected((r) => r.status === 'planned'));
    expect((await walk('status=completed&year=2025', 3)).map((r) => r.id)).toEqual(
      expected((r) => r.status === 'completed' && r.date.startsWith('2025')),
    );
    expect((await walk('from=2024-03-12&to=2025-02-11', 5)).map((r) => r.id)).toEqual(
      expected((r) => r.date >= '2024-03-12' && r.date <= '2025-02-11'),
    );
    expect((await walk('year=2023&from=2023-06-01&to=2024-12-31', 5)).map((r) => r.id)).toEqual(
      expected((r) => r.date >= '2023-06-01' && r.date <= '2023-12-31'),
    );
  });

  it('answers an empty page when the filters cannot overlap', async () => {
    const page = await api.request('GET', '/rounds?year=2023&from=2024-01-01');
    expect(page.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses cursors it did not issue, including one from another filter', async () => {
    const first = await api.request('GET', '/rounds?limit=2');
    const cursor: string = first.body.nextCursor;
    for (const bad of ['garbage', `${cursor}x`, cursor.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))]) {
      const answer = await api.request('GET', `/rounds?cursor=${encodeURIComponent(bad)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_cursor');
    }
    const other = await api.request('GET', `/rounds?status=planned&cursor=${encodeURIComponent(cursor)}`);
    expect(other.body.error.code).toBe('invalid_cursor');
  });

  it('answers 400 invalid_cursor, never 500, to a forged cursor whose checksum is right', async () => {
    const base = { PK: `ROUND#${created[0]!.id}`, SK: 'ROUND', GSI1PK: 'ROUNDS', GSI1SK: `${created[0]!.date}#${created[0]!.id}` };
    for (const forgedKey of [{ ...base, PK: '' }, { ...base, GSI1SK: '' }, { ...base, GSI1SK: `2024-01-01#${'Z'.repeat(1100)}` }]) {
      const cursor = encodeCursor(forgedKey, roundsQuery({}))!;
      const answer = await api.request('GET', `/rounds?cursor=${encodeURIComponent(cursor)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_cursor');
    }
    // The real key of an item, made by hand, is a position in the same list: allowed.
    const answer = await api.request('GET', `/rounds?cursor=${encodeURIComponent(encodeCursor(base, roundsQuery({}))!)}`);
    expect(answer.status).toBe(200);
  });

  it('refuses unknown, repeated and out-of-range query parameters', async () => {
    for (const query of ['colour=red', 'year=2024&year=2025', 'limit=0', 'limit=101', 'limit=abc', 'year=24', 'status=done', 'from=2024-13-01']) {
      const answer = await api.request('GET', `/rounds?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details.length).toBeGreaterThan(0);
    }
  });
});

/** Walks a list route to its end through `nextCursor`, checking the page contract on the way. */
import { expect } from 'vitest';
import type { LocalApi, TestRole } from './local-api';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of `path` (which may carry its own query), `limit` at a time: each page is 200, no
 * page is larger than `limit`, every page but the last is full, a cursor never leads to an empty
 * page, and the walk ends.
 */
export async function walkPages<T = any>(api: LocalApi, path: string, limit: number, role?: TestRole): Promise<T[]> {
  const seen: T[] = [];
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await api.request<Page<T>>('GET', url, { role });
    expect(page.status, `${url}: ${page.text}`).toBe(200);
    expect(Object.keys(page.body).sort()).toEqual(['items', 'nextCursor']);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    if (cursor !== null) expect(page.body.items.length, `a cursor led to an empty page: ${url}`).toBeGreaterThan(0);
    seen.push(...page.body.items);
    cursor = page.body.nextCursor;
    if (cursor !== null) {
      expect(typeof cursor).toBe('string');
      expect(page.body.items.length, `a page before the last is short: ${url}`).toBe(limit);
    }
    expect(++pages, `too many pages for ${path}`).toBeLessThan(500);
  } while (cursor !== null);
  return seen;
}

/** The ids of a list of records. */
export const idsOf = (records: readonly { id: string }[]): string[] => records.map((record) => record.id);

/** Person lists: every filter and several combinations against the seeded data, walked page by page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { completedRound, person } from '../support/fixtures';
import { walkPages } from '../support/pages';

type Person = {
  id: string;
  createdAt: string;
  status: string;
  side: string;
  kind: string;
  roundId?: string;
  categories?: string[];
  [field: string]: unknown;
};
type Filter = Partial<Record<'status' | 'side' | 'kind' | 'category' | 'roundId', string>>;

let api: LocalApi;
let rounds: [string, string];
/** Every person as the API last answered it, by id. */
const alive = new Map<string, Person>();

const statusCycle = ['held', 'exchanged', 'missing', 'exchanged', 'released', 'declined_exchange', 'deceased'];

function seedBody(i: number, roundIds: readonly string[]): Record<string, unknown> {
  const status = statusCycle[i % statusCycle.length]!;
  const categories: string[] = [];
  if (i % 4 === 0) categories.push('women');
  if (i % 3 === 1) categories.push('severely_wounded');
  if (i % 5 === 2) categories.push('civilians');
  if (i % 7 === 0) categories.push('officers');
  const body: Record<string, unknown> = person({
    fullName: `Особа ${i}`,
    side: i % 2 ? 'russia' : 'ukraine',
    kind: i % 3 === 0 ? 'civilian' : 'military',
    status,
    categories,
    ...(status === 'exchanged' ? { roundId: roundIds[Math.floor(i / 2) % 2] } : {}),
  });
  if (categories.length === 0 && i % 2) delete body.categories;
  return body;
}

const matches = (p: Person, filter: Filter) =>
  (!filter.status || p.status === filter.status) &&
  (!filter.side || p.side === filter.side) &&
  (!filter.kind || p.kind === filter.kind) &&
  (!filter.roundId || p.roundId === filter.roundId) &&
  (!filter.category || (p.categories ?? []).includes(filter.category));

const newestFirst = (a: Person, b: Person) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);
const expected = (filter: Filter) => [...alive.values()].filter((p) => matches(p, filter)).sort(newestFirst);

/** `roundId` names the seeded round by index, so the filter table can be static. */
function resolve(filter: Filter): Filter {
  return filter.roundId === undefined ? filter : { ...filter, roundId: rounds[Number(filter.roundId)] };
}
const queryOf = (filter: Filter) => new URLSearchParams(filter as Record<string, string>).toString();

const filters: Filter[] = [
  {},
  ...['missing', 'held', 'exchanged', 'declined_exchange', 'released', 'deceased'].map((status) => ({ status })),
  { side: 'ukraine' },
  { side: 'russia' },
  { kind: 'military' },
  { kind: 'civilian' },
  ...['women', 'severely_wounded', 'civilians', 'officers', 'medics'].map((category) => ({ category })),
  { roundId: '0' },
  { roundId: '1' },
  { status: 'held', side: 'ukraine' },
  { status: 'exchanged', side: 'russia' },
  { category: 'women', kind: 'civilian' },
  { category: 'severely_wounded', kind: 'military' },
  { roundId: '0', category: 'women' },
  { roundId: '1', category: 'severely_wounded' },
  { status: 'held', kind: 'military', side: 'russia' },
  { status: 'exchanged', kind: 'civilian', side: 'ukraine' },
  { kind: 'military', side: 'ukraine' },
  { category: 'civilians', status: 'missing', side: 'russia' },
  { roundId: '1', status: 'exchanged', side: 'ukraine', kind: 'military' },
];

async function checkEveryFilter(): Promise<void> {
  for (const raw of filters) {
    const filter = resolve(raw);
    const want = expected(filter);
    const got = await walkPages<Person>(api, `/persons?${queryOf(filter)}`, 3, 'viewer');
    expect(got, `filter ${JSON.stringify(raw)}`).toEqual(want);
  }
}

beforeAll(async () => {
  api = await startLocalApi();
  const ids: string[] = [];
  for (const date of ['2025-05-23', '2025-06-09']) {
    const response = await api.request('POST', '/rounds', { role: 'editor', body: completedRound({ date }) });
    ids.push(response.body.id);
  }
  rounds = [ids[0]!, ids[1]!];
  for (let i = 0; i < 40; i++) {
    const response = await api.request('POST', '/persons', { role: 'editor', body: seedBody(i, rounds) });
    expect(response.status, response.text).toBe(201);
    alive.set(response.body.id, response.body);
  }
});
afterAll(() => api.close());

describe('listing persons with filters', () => {
  it('seeds data that every filter of the table can tell apart', () => {
    for (const raw of filters.filter((f) => f.category !== 'medics')) {
      const count = expected(resolve(raw)).length;
      expect(count, JSON.stringify(raw)).toBeGreaterThan(0);
      if (Object.keys(raw).length > 0) expect(count, JSON.stringify(raw)).toBeLessThan(alive.size);
    }
  });

  it('answers each filter and combination exactly, most recently created first, 3 at a time', async () => {
    await checkEveryFilter();
  });

  it('walks the unfiltered list with several page sizes, every person exactly once', async () => {
    for (const limit of [1, 7, 40, 100]) {
      const got = await walkPages<Person>(api, '/persons', limit, 'viewer');
      expect(got.map((p) => p.id)).toEqual(expected({}).map((p) => p.id));
    }
    const firstPage = await api.request('GET', '/persons', { role: 'viewer' });
    expect(firstPage.body.items).toHaveLength(25);
  });

  it('refuses unknown filter values, unknown and repeated parameters', async () => {
    for (const query of ['status=free', 'side=both', 'kind=robot', 'category=children', 'colour=red', 'roundId=',
      'status=held&status=missing', 'category=women&category=officers', 'limit=0', `roundId=${'x'.repeat(65)}`]) {
      const answer = await api.request('GET', `/persons?${query}`, { role: 'viewer' });
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details.length).toBeGreaterThan(0);
    }
  });

  it('refuses a cursor issued for one filter on another', async () => {
    const pairs: [Filter, Filter][] = [
      [{ status: 'held' }, { status: 'missing' }],
      [{ status: 'held' }, { status: 'held', side: 'ukraine' }],
      [{ category: 'women' }, { category: 'officers' }],
      [{ category: 'women' }, { category: 'women', kind: 'civilian' }],
      [{}, { side: 'russia' }],
      [{ side: 'russia' }, {}],
      [{ roundId: '0' }, { roundId: '1' }],
      [{ kind: 'military', side: 'ukraine' }, { kind: 'military', side: 'russia' }],
    ];
    for (const [from, to] of pairs) {
      const first = await api.request('GET', `/persons?${queryOf(resolve(from))}&limit=1`, { role: 'viewer' });
      expect(typeof first.body.nextCursor, JSON.stringify(from)).toBe('string');
      const cursor = encodeURIComponent(first.body.nextCursor);
      const answer = await api.request('GET', `/persons?${queryOf(resolve(to))}&cursor=${cursor}`, { role: 'viewer' });
      expect(answer.status, `${JSON.stringify(from)} → ${JSON.stringify(to)}`).toBe(400);
      expect(answer.body.error.code).toBe('invalid_cursor');
    }
  });
});

describe('lists follow changes', () => {
  it('moves a person between category lists when its categories change, and drops a deleted person everywhere', async () => {
    const seeded = [...alive.values()];
    const inWomen = seeded.find((p) => p.categories?.includes('women') && !p.categories.includes('officers'))!;
    const patch = async (p: Person, body: Record<string, unknown>) => {
      const answer = await api.request('PATCH', `/persons/${p.id}`, { role: 'editor', body });
      expect(answer.status, answer.text).toBe(200);
      alive.set(p.id, answer.body);
      return answer.body as Person;
    };
    const changed = await patch(inWomen, { categories: [...inWomen.categories!.filter((c) => c !== 'women'), 'officers', 'medics'] });
    expect(changed.categories).not.toContain('women');
    const women = await walkPages<Person>(api, '/persons?category=women', 3, 'viewer');
    expect(women.map((p) => p.id)).not.toContain(inWomen.id);
    const medics = await walkPages<Person>(api, '/persons?category=medics', 3, 'viewer');
    expect(medics).toEqual([changed]);
    expect((await walkPages<Person>(api, '/persons?category=officers', 3, 'viewer')).find((p) => p.id === inWomen.id)).toEqual(changed);

    // A change of status, side and round must reach the copies that the category lists answer from.
    const exchanged = seeded.find((p) => p.status === 'exchanged' && p.roundId === rounds[0] && (p.categories?.length ?? 0) > 0)!;
    await patch(exchanged, { roundId: rounds[1], side: exchanged.side === 'ukraine' ? 'russia' : 'ukraine', notes: 'moved' });
    const held = seeded.find((p) => p.status === 'held' && (p.categories?.length ?? 0) > 1)!;
    await patch(held, { status: 'released', categories: null });

    const released = seeded.find((p) => p.status === 'exchanged' && p.roundId === rounds[1] && p.id !== exchanged.id)!;
    await patch(released, { status: 'released', roundId: null });

    const gone = seeded.find((p) => p.status === 'exchanged' && ![exchanged.id, released.id].includes(p.id) && (p.categories?.length ?? 0) > 0)!;
    expect((await api.request('DELETE', `/persons/${gone.id}`, { role: 'admin' })).status).toBe(204);
    alive.delete(gone.id);
    expect((await api.request('GET', `/persons/${gone.id}`, { role: 'viewer' })).status).toBe(404);

    await checkEveryFilter();
    for (const round of rounds) {
      const listed = await walkPages<Person>(api, `/rounds/${round}/persons`, 4, 'viewer');
      expect(listed).toEqual(expected({ roundId: round }));
    }
  });
});

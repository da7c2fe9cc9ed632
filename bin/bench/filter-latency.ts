/**
 * The persons list under its filters, over the persons the refresh section loaded: the first page
 * of each combination through the persons-read handler in this process (the store's SDK client,
 * DynamoDB Local). A selective filter evaluates many items per match; the store bounds the work
 * of one request (lambdas/store/records.ts), so the worst combination must stay fast at any size.
 */
import { handler } from '../../lambdas/functions/persons-read';
import { restEvent } from '../../test/support/unit-events';
import { median } from './numbers';
import type { Row } from './report';

export const FILTER_BUDGET_MS = 200;

/** The review's case first (1,500 held persons made it take 2.7 s), then others from sparse to none. */
const combinations: readonly Record<string, string>[] = [
  { status: 'held', side: 'russia', kind: 'civilian', limit: '1' },
  { status: 'held', side: 'russia', kind: 'civilian', limit: '25' },
  { category: 'women', side: 'russia', kind: 'civilian', limit: '25' },
  { kind: 'civilian', side: 'russia', limit: '25' },
  { status: 'missing', limit: '25' },
  { limit: '100' },
];

export interface FilterFigures {
  readonly query: string;
  readonly ms: number;
  readonly items: number;
  readonly more: boolean;
}

const context = { awsRequestId: 'bench-filters', getRemainingTimeInMillis: () => 10_000 } as Parameters<typeof handler>[1];

export async function filterLatency(repeats: number): Promise<FilterFigures[]> {
  const figures: FilterFigures[] = [];
  for (const query of combinations) {
    const runs: number[] = [];
    let body: { items: unknown[]; nextCursor: string | null } = { items: [], nextCursor: null };
    for (let i = 0; i <= repeats; i++) {
      const started = performance.now();
      const result = await handler(restEvent({ method: 'GET', resource: '/persons', role: 'viewer', query }), context);
      if (result.statusCode !== 200) throw new Error(`GET /persons?${new URLSearchParams(query)} answered ${result.statusCode}: ${result.body}`);
      // The first request of each combination is untimed: DynamoDB Local's first pass over a partition.
      if (i > 0) runs.push(performance.now() - started);
      body = JSON.parse(result.body) as typeof body;
    }
    figures.push({ query: new URLSearchParams(query).toString(), ms: median(runs), items: body.items.length, more: body.nextCursor !== null });
  }
  return figures;
}

export function filterRow(persons: number, figures: readonly FilterFigures[]): Row {
  const worst = [...figures].sort((a, b) => b.ms - a.ms)[0]!;
  return {
    figure: 'persons list, worst filter',
    measured: `${worst.ms.toFixed(1)} ms for GET /persons?${worst.query} (first page, ${worst.items} items${worst.more ? ', a cursor to more' : ''}) at ${persons.toLocaleString('en-US')} persons; ${figures.length} combinations`,
    budget: `≤ ${FILTER_BUDGET_MS} ms at 100k persons`,
    verdict: worst.ms <= FILTER_BUDGET_MS ? 'met' : 'missed',
  };
}

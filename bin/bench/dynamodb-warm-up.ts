/**
 * Warming DynamoDB Local before the cold-init runs: see warmDynamoDbLocal.
 */
import { handlerOf, lambdaContext } from '../local/server';
import { median } from './numbers';
import { markdownTable } from './report';
import type { BenchRequest } from './requests';

/** Warm-up of DynamoDB Local per cold request, in batches (see warmDynamoDbLocal). */
const WARM_UP_BATCH = 100;
const WARM_UP_MIN_READS = 300;
const WARM_UP_MAX_READS = 2_000;
/** Creates: one small batch only, as each adds a record that every refresh afterwards reads. */
const WARM_UP_CREATES = 20;

export interface WarmUp {
  readonly request: string;
  readonly sent: number;
  /** Median in-process answer time of the first batch and of the last, ms. */
  readonly firstMs: number;
  readonly lastMs: number;
}

/**
 * DynamoDB Local is a JVM: freshly started, it serves its first tens of thousands of requests
 * slower while its JIT compiles them (a refresh of the cold table, 35 requests, took 34 ms in a warm
 * process at first, 17 ms after 500 refreshes and 10 ms from 900 on). DynamoDB itself has no such
 * phase, and the figure is about the functions' cold start, not the emulator's, so each cold request
 * is first sent through the same handler in this process, against the same table, until DynamoDB
 * Local answers it no faster: two batches in a row not 5 % faster than the best batch before.
 */
export async function warmDynamoDbLocal(requests: readonly BenchRequest[]): Promise<WarmUp[]> {
  const report: WarmUp[] = [];
  for (const request of requests) {
    const handler = await handlerOf(request.route.fn);
    const creates = request.expectStatus === 201;
    const batch = creates ? WARM_UP_CREATES : WARM_UP_BATCH;
    const medians: number[] = [];
    let sent = 0;
    let best = Infinity;
    let flat = 0;
    for (;;) {
      const times: number[] = [];
      for (let i = 0; i < batch; i++) {
        const started = performance.now();
        const result = await handler(request.event(), lambdaContext(request.route.fn, `warm-up-${sent}`));
        times.push(performance.now() - started);
        sent++;
        if (result.statusCode !== request.expectStatus) {
          throw new Error(`warm-up ${request.route.method} ${request.route.path} answered ${result.statusCode}: ${result.body}`);
        }
      }
      const batchMedian = median(times);
      medians.push(batchMedian);
      if (creates || sent >= WARM_UP_MAX_READS) break;
      flat = batchMedian < best * 0.95 ? 0 : flat + 1;
      best = Math.min(best, batchMedian);
      if (sent >= WARM_UP_MIN_READS && flat >= 2) break;
    }
    report.push({ request: `${request.route.method} ${request.route.path}`, sent, firstMs: medians[0]!, lastMs: medians[medians.length - 1]! });
  }
  return report;
}

/** The paragraph and table of the cold-init section that say how DynamoDB Local was warmed. */
export function warmUpDetails(warmUps: readonly WarmUp[]): string[] {
  return [
    'DynamoDB Local was warmed first (a freshly started JVM answers its first tens of thousands of',
    'requests slower while its JIT compiles; DynamoDB has no such phase): each request above, through',
    `the same handler in the benchmark's process, in batches of ${WARM_UP_BATCH} until two batches in a row were not`,
    `5 % faster than the best before (at least ${WARM_UP_MIN_READS}, at most ${WARM_UP_MAX_READS.toLocaleString('en-US')}; creates ${WARM_UP_CREATES} times only, as each adds`,
    'a record that every refresh afterwards reads). Median in-process answer, first batch → last:',
    '',
    markdownTable(
      ['request', 'sent', 'first batch', 'last batch'],
      warmUps.map((w) => [w.request, w.sent.toLocaleString('en-US'), `${w.firstMs.toFixed(2)} ms`, `${w.lastMs.toFixed(2)} ms`]),
    ),
  ];
}

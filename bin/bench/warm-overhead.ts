/**
 * Warm handler overhead: each route of the route table invoked in-process through its Lambda
 * handler with the DynamoDB client stubbed (bin/bench/warm-worker.ts, in a child process of its
 * own so that the stub cannot leak into the other sections); then, for information, again with
 * only the client's HTTP transport stubbed, so its marshalling, signing and parsing count too.
 */
import { runChecked, tsNode } from './child';
import { markdownTable, type SectionResult } from './report';

export const WARM_P99_BUDGET_MS = 1;

interface RouteFigures {
  route: string;
  calls: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

async function measure(calls: number, warmUp: number, capMs: number, stubbed: 'client' | 'transport'): Promise<RouteFigures[]> {
  const [node, args] = tsNode('bin/bench/warm-worker.ts', String(calls), String(warmUp), String(capMs), stubbed);
  const stdout = await runChecked(node, args, { timeoutMs: 600_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as RouteFigures[];
}

export async function warmOverhead(options: { calls: number; warmUp: number; capMs: number }): Promise<SectionResult> {
  const figures = await measure(options.calls, options.warmUp, options.capMs, 'client');
  const clientCalls = Math.max(500, Math.round(options.calls / 5));
  const withClient = new Map((await measure(clientCalls, Math.round(options.warmUp / 4), options.capMs / 4, 'transport')).map((f) => [f.route, f]));
  const worst = [...figures].sort((a, b) => b.p99 - a.p99)[0]!;
  const over = figures.filter((f) => f.p99 > WARM_P99_BUDGET_MS);
  const fewest = Math.min(...figures.map((f) => f.calls));
  return {
    id: 'warm',
    rows: [
      {
        figure: 'warm handler overhead',
        measured: `p99 ${worst.p99.toFixed(3)} ms at worst (${worst.route}, p50 ${worst.p50.toFixed(3)} ms); ${figures.length - over.length} of ${figures.length} routes within budget; ≥ ${fewest.toLocaleString('en-US')} calls each`,
        budget: `p99 ≤ ${WARM_P99_BUDGET_MS} ms`,
        verdict: over.length === 0 && fewest >= Math.min(options.calls, 10_000) ? 'met' : 'missed',
      },
    ],
    details: [
      '### Warm handler overhead',
      '',
      `Every route of the route table through its Lambda handler in one process, the DynamoDB client's`,
      '`send` stubbed (lambdas/store/dynamodb/client.ts; canned items, a full page of 25 + 1 for lists),',
      `a fresh proxy event per call; ${options.warmUp.toLocaleString('en-US')} warm-up calls, then ${options.calls.toLocaleString('en-US')} timed calls per route (process.hrtime).`,
      'The last two columns, for information (no budget), come from a second run in which only the',
      `client's HTTP transport is stubbed (${clientCalls.toLocaleString('en-US')} calls per route): they add the client's own work,`,
      'marshalling, signing and parsing the canned wire answers, which the function also does on AWS.',
      '',
      markdownTable(
        ['route', 'calls', 'p50', 'p99', 'mean', 'max', 'with the client: p50', 'p99'],
        figures.map((f) => {
          const client = withClient.get(f.route);
          return [
            f.route,
            f.calls.toLocaleString('en-US'),
            `${f.p50.toFixed(3)} ms`,
            `${f.p99.toFixed(3)} ms`,
            `${f.mean.toFixed(3)} ms`,
            `${f.max.toFixed(2)} ms`,
            client ? `${client.p50.toFixed(3)} ms` : '–',
            client ? `${client.p99.toFixed(3)} ms` : '–',
          ];
        }),
      ),
    ].join('\n'),
  };
}

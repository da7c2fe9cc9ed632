/**
 * `npx tsx bin/bench/levers.ts [--runs 7]`: which of the SDK's cold-start levers move the cold init
 * of the reference GetItem (bin/bench/reference/sdk-get-item.ts), one lever at a time away from
 * the way the functions are bundled and configured. Prints a markdown table for docs/benchmarks.md.
 *
 * Measured as the cold-init section measures (cold-process.ts: fresh processes through
 * cold-runner.mjs, Lambda's environment, DynamoDB Local warmed first, variants interleaved round by
 * round with bare Node starts). Bounded: at most 25 rounds, a watchdog at 5 minutes, loopback only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BuildOptions } from 'esbuild';
import { cleanupAll, runToExit } from './child';
import { BARE_NODE_ARGS, COLD_RUNNER, lambdaEnvironment, runColdProcess, type ColdSample } from './cold-process';
import { batchPut, useTable } from './dynamo';
import { itemsOf, roundRecords } from './data';
import { warmDynamoDbLocal } from './dynamodb-warm-up';
import { kb, median } from './numbers';
import { bundleReference } from './reference-bundle';
import { markdownTable } from './report';
import { coldRequestFor } from './requests';
import { roundLayout } from '../../lambdas/store/keys';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TABLE = 'bench-levers';
const MAX_RUNS = 25;
const WATCHDOG_MS = 5 * 60_000;

interface Variant {
  readonly lever: string;
  readonly variant: string;
  readonly entry: string;
  readonly build?: BuildOptions;
  readonly nodeOptions?: string;
}

const AS_DEPLOYED = 'as the functions are';
const variants: readonly Variant[] = [
  { lever: '–', variant: `${AS_DEPLOYED}: ESM, mainFields module → main, minified, \`fromEnv()\`, chain links external, modular client`, entry: 'sdk-get-item' },
  { lever: '(a) module first', variant: 'mainFields main → module (CommonJS builds first)', entry: 'sdk-get-item', build: { mainFields: ['main', 'module'] } },
  { lever: '(b) minify', variant: 'not minified', entry: 'sdk-get-item', build: { minify: false } },
  { lever: '(c) env credential provider', variant: 'default credential chain (no `credentials`)', entry: 'sdk-get-item-default-chain' },
  { lever: '(c) env credential provider', variant: 'default chain, its links bundled too (no externals)', entry: 'sdk-get-item-default-chain', build: { external: [] } },
  { lever: '(c) env credential provider', variant: '`fromEnv()`, the chain\'s links bundled (no externals)', entry: 'sdk-get-item', build: { external: [] } },
  { lever: '(d) source maps', variant: 'NODE_OPTIONS=--enable-source-maps', entry: 'sdk-get-item', nodeOptions: '--enable-source-maps' },
  { lever: '(e) modular client', variant: 'aggregated `DynamoDB` + `DynamoDBDocument` (`.get()`)', entry: 'sdk-get-item-aggregated' },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Math.min(MAX_RUNS, Math.max(3, Number(values.runs) || 7));
  const workDir = mkdtempSync(join(tmpdir(), 'exchange-registry-levers-'));
  const watchdog = setTimeout(() => {
    console.error(`levers passed its ${WATCHDOG_MS / 60_000}-minute bound; stopping.`);
    void cleanupAll().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  watchdog.unref();
  const loadAtStart = loadavg()[0] ?? 0;
  try {
    const dynamo = await useTable(TABLE);
    const rounds = roundRecords(10);
    await batchPut(dynamo.client, TABLE, rounds.flatMap((round) => itemsOf(roundLayout, round)));
    const roundId = rounds.find((round) => round.status === 'completed')!.id;
    const request = coldRequestFor('rounds-read', { rounds: roundId, repatriations: roundId, persons: roundId, agreements: roundId, negotiations: roundId, reconciliations: roundId });
    await warmDynamoDbLocal([request]);

    const home = join(workDir, 'lambda-home');
    mkdirSync(home, { recursive: true });
    const eventFile = join(workDir, 'event.json');
    writeFileSync(eventFile, JSON.stringify(request.event()));
    const environment = (nodeOptions?: string) =>
      lambdaEnvironment({ home, endpoint: dynamo.endpoint, tableName: TABLE }, { AWS_LAMBDA_FUNCTION_NAME: 'levers', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) });

    const targets = await Promise.all(
      variants.map(async (variant, i) => {
        const bundle = await bundleReference(variant.entry, join(workDir, `variant-${i}`), variant.build);
        return { ...variant, bundle, env: environment(variant.nodeOptions), samples: [] as ColdSample[] };
      }),
    );
    const bare: ColdSample[] = [];
    const bareEnv = environment();
    for (let round = 0; round < runs; round++) {
      bare.push(await runColdProcess(BARE_NODE_ARGS, bareEnv));
      for (const target of targets) {
        const sample = await runColdProcess([COLD_RUNNER, target.bundle.file, eventFile], target.env);
        if (sample.status !== 200) throw new Error(`${target.variant} answered ${sample.status}: ${sample.body ?? sample.out}\n${sample.err.slice(-1000)}`);
        target.samples.push(sample);
      }
      console.error(`  round ${round + 1} of ${runs}`);
    }

    const bareMs = median(bare.map((s) => s.answerMs));
    const aboveBare = (samples: readonly ColdSample[]) => median(samples.map((s) => s.answerMs)) - bareMs;
    const baseline = targets[0]!.samples;
    // Differences round by round (the same round's processes ran back to back), then their median:
    // drift between rounds cancels.
    const pairedDelta = (samples: readonly ColdSample[], of: (s: ColdSample) => number) =>
      median(samples.map((sample, round) => of(sample) - of(baseline[round]!)));
    const signed = (ms: number) => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const importOf = (s: ColdSample) => s.importMs ?? 0;
    console.log(
      markdownTable(
        ['lever', 'variant', 'bundle (minified)', 'cold init above bare Node', 'vs as the functions are', 'import', 'vs as the functions are', 'first request'],
        targets.map((target, i) => [
          target.lever,
          target.variant,
          kb(target.bundle.bytes),
          ms(aboveBare(target.samples)),
          i === 0 ? '–' : signed(pairedDelta(target.samples, (s) => s.answerMs)),
          ms(median(target.samples.map(importOf))),
          i === 0 ? '–' : signed(pairedDelta(target.samples, importOf)),
          ms(median(target.samples.map((s) => s.requestMs ?? 0))),
        ]),
      ),
    );
    const loadAtEnd = loadavg()[0] ?? 0;
    console.log(
      `\n${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, Node ${process.version}: medians of ${runs} processes per variant, interleaved round by round with ${runs} bare starts (bare Node ${bareMs.toFixed(1)} ms); "vs as the functions are" is the median of the ${runs} differences within a round; load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end.`,
    );
  } finally {
    await cleanupAll();
    clearTimeout(watchdog);
    rmSync(workDir, { recursive: true, force: true });
  }
}

runToExit(main);

/**
 * `npm run bench`: the performance budgets, measured on this machine in one run, side by side, so
 * that the machine's noise weighs on what is compared alike; all load on loopback.
 *
 *   bundle      bundle size per function (minified and gzipped index.mjs of each cdk.out asset)
 *   cold        cold init of each bundle (fresh Node processes answering one request) against the
 *               SDK's GetItem alone, bundled and run the same way: each function's margin over it
 *   warm        warm handler overhead: every route in-process over the mocked document client
 *               (aws-sdk-client-mock), p50/p99, and the agreement read with 100 linked rounds with
 *               its DynamoDB requests per read; then, for information, with the SDK's work counted
 *   throughput  HTTP throughput of the local server vs. raw DynamoDB Local driven by the same SDK client
 *   refresh     stats refresh at 1k, 10k and 100k persons, each with 10k rounds with sources (its
 *               answer checked against the generated records)
 *   matching    the name matching on the labelled set (precision and recall of matched and of
 *               matched ∪ possible), and in memory at 100,000 persons × 2,000 entries
 *   reconcile   a 2,000-entry list against 100,000 persons through the local API, and its memory
 *   dashboard   the dashboard's gzipped weight and its first render in headless Chromium
 *
 * The SDK's cold-start levers, one at a time, are measured apart: `npx tsx bin/bench/levers.ts`.
 *
 * Prints one table (figure, measured, budget, verdict) and, after a full run, rewrites the
 * generated part of docs/benchmarks.md with it, the machine and each section's details.
 *
 *   npm run bench                          everything, as the issues ask (about 7 minutes on 2 cores)
 *   npm run bench -- --only refresh,cold   a subset, for development (docs not written)
 *   npm run bench -- --quick               fewer samples and smaller sizes (docs not written)
 *   --write / --no-write                   write the report or not, whatever the run
 *   --out <file>                           write the report there instead of docs/benchmarks.md
 *   --keep                                 keep the work directory (cdk.out, events) for inspection
 *
 * Bounded: every section limits its own counts and times, and a watchdog stops the run (and
 * everything it started) at 10 minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupAll, runToExit } from './bench/child';
import { describeMachine, loadNow } from './bench/machine';
import { projectRoot } from '../lib/project-root';
import { generatedPart, machineTable, resultsTable, writeReport, type SectionResult } from './bench/report';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers run in this process too (seeding, DynamoDB Local's warm-up): their log lines and metric
// blobs would bury the report. The measured children get environments of their own.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const SECTIONS = ['bundle', 'cold', 'warm', 'throughput', 'refresh', 'matching', 'reconcile', 'dashboard'] as const;
type Section = (typeof SECTIONS)[number];
const REPORT = join(projectRoot, 'docs', 'benchmarks.md');
const WATCHDOG_MS = 15 * 60_000;

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: REPORT },
  },
});

const only = flags.only?.split(',').map((name) => name.trim()).filter(Boolean);
const unknown = only?.filter((name) => !(SECTIONS as readonly string[]).includes(name)) ?? [];
if (unknown.length) {
  console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const selected: readonly Section[] = only ? SECTIONS.filter((name) => only.includes(name)) : SECTIONS;
const quick = flags.quick;
const full = !quick && selected.length === SECTIONS.length;
const write = flags['no-write'] ? false : (flags.write ?? full);
const log = (line: string) => console.error(line);

async function run(section: Section, workDir: string): Promise<SectionResult> {
  switch (section) {
    case 'bundle':
      return (await import('./bench/bundle-sizes')).bundleSizes(workDir);
    case 'cold':
      return (await import('./bench/cold-init')).coldInit({ workDir, runs: quick ? 5 : 15, log });
    case 'warm':
      return (await import('./bench/warm-overhead')).warmOverhead({
        calls: quick ? 2000 : 10_000,
        warmUp: quick ? 500 : 2000,
        capMs: 20_000,
      });
    case 'throughput':
      return (await import('./bench/throughput')).throughput({
        workDir,
        seconds: quick ? 4 : 10,
        slices: quick ? 2 : 5,
        warmUpSeconds: quick ? 1 : 2,
        connections: 10,
        log,
      });
    case 'refresh':
      return (await import('./bench/refresh-scaling')).refreshScaling({
        sizes: quick ? [1000, 10_000] : [1000, 10_000, 100_000],
        repeats: quick ? 3 : 7,
        capMs: 60_000,
        log,
      });
    case 'matching':
      return (await import('./bench/matching')).matchingQuality(quick ? { persons: 20_000, entries: 500 } : {});
    case 'reconcile':
      return (await import('./bench/reconciliation-scale')).reconciliationScale({
        persons: quick ? 20_000 : 100_000,
        entries: 2000,
        runs: quick ? 2 : 3,
        log,
      });
    case 'dashboard':
      return (await import('./bench/dashboard')).dashboardWeight({ loads: quick ? 5 : 15, log });
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  const workDir = mkdtempSync(join(tmpdir(), 'exchange-registry-bench-'));
  const watchdog = setTimeout(() => {
    console.error(`The benchmark passed its ${WATCHDOG_MS / 60_000}-minute bound; stopping everything it started.`);
    void cleanupAll().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  watchdog.unref();
  const stop = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping everything the benchmark started.`);
    void cleanupAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const results: SectionResult[] = [];
  try {
    for (const section of selected) {
      const sectionStarted = performance.now();
      log(`${section}…`);
      results.push(await run(section, workDir));
      log(`${section} done in ${((performance.now() - sectionStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    await cleanupAll();
    clearTimeout(watchdog);
    if (flags.keep) log(`work directory kept: ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }

  const seconds = (performance.now() - started) / 1000;
  const loadAtEnd = loadNow();
  const mode = full ? 'full run' : `${quick ? 'quick ' : ''}${selected.join(', ')}`;
  console.log(`\n${resultsTable(results)}\n`);
  console.log(machineTable(machine, seconds, mode, loadAtEnd));
  if (write) {
    writeReport(flags.out, generatedPart(results, machine, seconds, mode, loadAtEnd));
    console.log(`\nWritten to ${flags.out}.`);
  }
  const missed = results.flatMap((result) => result.rows).filter((row) => row.verdict === 'missed');
  if (missed.length) console.log(`\nBudget missed: ${missed.map((row) => row.figure).join(', ')}.`);
}

runToExit(main);

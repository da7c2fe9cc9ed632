/**
 * HTTP throughput: autocannon (in this process) against the project's local server (`npm start`'s
 * bin/start.ts, in a process of its own) for three routes, beside raw DynamoDB Local driven by the
 * same SDK client: the store's functions that the routes call (getRecord, queryPage, createRecord),
 * which send their GetCommand, QueryCommand and TransactWriteCommand through the document client
 * that lambdas/store/client.ts builds (createDocumentClient, the same settings as the server's),
 * at the same concurrency, for the same time, in the same run. Raw therefore sends exactly the
 * requests the API sends, and the ratio is what the HTTP layer and the handlers cost on top of
 * the SDK. API and raw alternate in short slices (API, raw, API, raw, …), so that a change in what
 * else the machine does affects both alike.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { cleanEnv, onCleanup, stopChild } from './child';
import { batchPut, useTable } from './dynamo';
import { itemsOf, roundRecords } from './data';
import { median, percentile } from './numbers';
import { markdownTable, type SectionResult } from './report';
import { freePort } from '../local/dynamodb-local';
import { projectRoot } from '../../lib/project-root';
import { signToken } from '../local/jwt';
import { createRecord, getRecord, queryPage } from '../../lambdas/store/records';
import { personLayout, roundLayout, roundsQuery } from '../../lambdas/store/keys';
import { newId } from '../../lambdas/domain/ids';
import { person } from '../../test/support/fixtures';

export const THROUGHPUT_RATIO_BUDGET = 0.7;
const TABLE = 'bench-http';

export interface ThroughputOptions {
  readonly workDir: string;
  /** Measured seconds per side, in `slices` alternating slices. */
  readonly seconds: number;
  readonly slices: number;
  readonly warmUpSeconds: number;
  readonly connections: number;
  readonly log: (line: string) => void;
}

interface Rate {
  readonly perSecond: number;
  readonly requests: number;
  readonly p50: number;
  readonly p99: number;
}

interface Target {
  readonly name: string;
  readonly operation: string;
  readonly http: { path: string; method: string; headers?: Record<string, string>; body?: string; expect: number };
  /** The same DynamoDB request as the route's, through the store's SDK document client. */
  readonly raw: () => Promise<unknown>;
}

/**
 * `npm start`'s entry, quiet, over the benchmark's DynamoDB Local and table, its token secret in
 * its local data directory as `npm start` keeps it: ready when it says so. Its output goes to a
 * file, as a function's goes to the Lambda runtime: a pipe would have this process (which also
 * runs autocannon) read a log line and a metric blob per request, on the same two cores.
 */
async function startServer(endpoint: string, dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const logFile = join(dataDir, 'server.log');
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bin', 'start.ts'), '--quiet'], {
    cwd: projectRoot,
    env: cleanEnv({
      PORT: String(port),
      DYNAMODB_ENDPOINT: endpoint,
      TABLE_NAME: TABLE,
      LOCAL_DATA_DIR: dataDir,
      STATS_REFRESH_MINUTES: '1440',
      // The handlers' lines as on Lambda (compact JSON and metric blobs), not the indented local ones.
      POWERTOOLS_DEV: 'false',
    }),
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const stop = () => stopChild(child);
  const unregister = onCleanup(stop);
  const output = () => readFileSync(logFile, 'utf8');
  const deadline = Date.now() + 60_000;
  while (!output().includes('Exchange Registry API on')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the local server did not start:\n${output().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      unregister();
      await stop();
    },
  };
}

async function httpSlice(url: string, target: Target, seconds: number, connections: number): Promise<Slice> {
  const result = await autocannon({
    url: `${url}${target.http.path}`,
    method: target.http.method,
    headers: target.http.headers,
    body: target.http.body,
    connections,
    duration: seconds,
    timeout: 10,
  });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`${target.name}: ${failures} failed requests under load`);
  return { requests: result.requests.total, seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

/** `connections` loops issuing the operation back to back for `seconds`. */
async function rawSlice(operation: () => Promise<unknown>, seconds: number, connections: number): Promise<Slice> {
  const latencies: number[] = [];
  const started = performance.now();
  const ends = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < ends) {
        const t0 = performance.now();
        await operation();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { requests: latencies.length, seconds: (performance.now() - started) / 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

interface Slice {
  readonly requests: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
}

/** The slices of one side together: requests over time, latency percentiles as the median of the slices'. */
function combine(slices: readonly Slice[]): Rate {
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  return { perSecond: requests / seconds, requests, p50: median(slices.map((s) => s.p50)), p99: median(slices.map((s) => s.p99)) };
}

export async function throughput(options: ThroughputOptions): Promise<SectionResult> {
  const dynamo = await useTable(TABLE);
  const rounds = roundRecords(100);
  await batchPut(dynamo.client, TABLE, rounds.flatMap((round) => itemsOf(roundLayout, round)));
  const roundId = rounds.find((round) => round.status === 'completed')!.id;
  // The server's token secret, where `npm start` keeps it (LOCAL_DATA_DIR/jwt-secret).
  const dataDir = join(options.workDir, 'local');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(join(dataDir, 'jwt-secret'), secret, { mode: 0o600 });
  const editor = await signToken('editor', { secret });
  const personBody = person();
  const actor = { subject: 'bench-editor' };

  const targets: Target[] = [
    {
      name: 'GET /rounds/{id}',
      operation: 'GetItem (consistent)',
      http: { path: `/rounds/${roundId}`, method: 'GET', expect: 200 },
      raw: () => getRecord('rounds', roundId),
    },
    {
      name: 'GET /rounds (first page)',
      operation: 'Query GSI1, 26 items',
      http: { path: '/rounds', method: 'GET', expect: 200 },
      raw: () => queryPage(roundsQuery({}), 25),
    },
    {
      name: 'POST /persons',
      operation: 'TransactWriteItems (person, category, audit)',
      http: {
        path: '/persons',
        method: 'POST',
        headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
        body: JSON.stringify(personBody),
        expect: 201,
      },
      raw: () => {
        const now = new Date().toISOString();
        return createRecord(personLayout, { ...personBody, id: newId(), version: 1, createdAt: now, updatedAt: now }, { actor });
      },
    },
  ];

  const server = await startServer(dynamo.endpoint, dataDir);
  const figures: { target: Target; api: Rate; raw: Rate }[] = [];
  try {
    for (const target of targets) {
      // One request first: a wrong status would make every figure below meaningless.
      const check = await fetch(`${server.url}${target.http.path}`, { method: target.http.method, headers: target.http.headers, body: target.http.body });
      if (check.status !== target.http.expect) throw new Error(`${target.name} answered ${check.status}: ${await check.text()}`);
      const sliceSeconds = options.seconds / options.slices;
      options.log(`  throughput: ${target.name}, ${options.warmUpSeconds} s warm-up, then API and raw alternating in ${options.slices} × ${sliceSeconds} s each`);
      await httpSlice(server.url, target, options.warmUpSeconds, options.connections);
      await rawSlice(target.raw, options.warmUpSeconds, options.connections);
      const apiSlices: Slice[] = [];
      const rawSlices: Slice[] = [];
      for (let slice = 0; slice < options.slices; slice++) {
        apiSlices.push(await httpSlice(server.url, target, sliceSeconds, options.connections));
        rawSlices.push(await rawSlice(target.raw, sliceSeconds, options.connections));
      }
      const api = combine(apiSlices);
      const raw = combine(rawSlices);
      figures.push({ target, api, raw });
    }
  } finally {
    await server.stop();
  }

  const ratio = (f: (typeof figures)[number]) => f.api.perSecond / f.raw.perSecond;
  const worst = [...figures].sort((a, b) => ratio(a) - ratio(b))[0]!;
  const under = figures.filter((f) => ratio(f) < THROUGHPUT_RATIO_BUDGET);
  const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
  return {
    id: 'throughput',
    rows: [
      {
        figure: 'HTTP throughput',
        measured: `API at ${(ratio(worst) * 100).toFixed(0)} % of raw at worst (${worst.target.name}: ${perSecond(worst.api.perSecond)} vs ${perSecond(worst.raw.perSecond)}); ${figures
          .map((f) => `${f.target.name.split(' (')[0]} ${(ratio(f) * 100).toFixed(0)} %`)
          .join(', ')}`,
        budget: `API ≥ ${THROUGHPUT_RATIO_BUDGET * 100} % of raw`,
        verdict: under.length === 0 ? 'met' : 'missed',
      },
    ],
    details: [
      '### HTTP throughput',
      '',
      `autocannon (programmatic, in the benchmark's process) against \`bin/start.ts --quiet\` (the local`,
      `server of \`npm start\`, its own process, over the same DynamoDB Local) with ${options.connections} connections; raw:`,
      `${options.connections} concurrent loops in the benchmark's process sending the same DynamoDB requests straight at`,
      'DynamoDB Local through the same SDK client: the store functions the routes call (lambdas/store/records.ts:',
      'getRecord, queryPage, createRecord), over the document client of lambdas/store/client.ts',
      '(`createDocumentClient`, as the server builds its own).',
      `After ${options.warmUpSeconds} s of warm-up each, API and raw alternate in ${options.slices} slices of ${options.seconds / options.slices} s (${options.seconds} s each`,
      'in all), so that whatever else the machine does weighs on both alike; rates are requests over time,',
      'latencies the median of the slices\' percentiles. The table holds 100 rounds; POST /persons creates a',
      'person with one category, so both sides write the same three-item transaction (record, category',
      'companion, audit record) — the API issues TransactWriteItems, not a single PutItem, and so does raw.',
      '',
      markdownTable(
        ['route', 'DynamoDB operation', 'API', 'API p50 / p99', 'raw', 'raw p50 / p99', 'API / raw'],
        figures.map((f) => [
          f.target.name,
          f.target.operation,
          perSecond(f.api.perSecond),
          `${f.api.p50.toFixed(1)} / ${f.api.p99.toFixed(1)} ms`,
          perSecond(f.raw.perSecond),
          `${f.raw.p50.toFixed(1)} / ${f.raw.p99.toFixed(1)} ms`,
          `${(ratio(f) * 100).toFixed(0)} %`,
        ]),
      ),
    ].join('\n'),
  };
}

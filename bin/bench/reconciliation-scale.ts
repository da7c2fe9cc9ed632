/**
 * A 2,000-entry list against 100,000 persons, end to end through the local API: `POST
 * /reconciliations` to the local server (in a process of its own, over DynamoDB Local), which
 * reads the persons of the side from the names index, matches in memory, stores the report in
 * batches and answers. Timed from the request to the answer; the server process's resident memory
 * before and at its peak (Linux /proc VmRSS and VmHWM) stands for the function's.
 */
import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { batchPut, useTable } from './dynamo';
import { itemsOf, serverFields } from './data';
import { cleanEnv, onCleanup, stopChild, tsNode } from './child';
import { int, median } from './numbers';
import { markdownTable, type SectionResult } from './report';
import { RegistryGenerator } from './registry-generator';
import { personLayout } from '../../lambdas/store/keys';
import { signToken } from '../local/jwt';

export const RECONCILIATION_BUDGET_MS = 10_000;
/** The function's memory (the route table's `memoryMb` for reconciliations-write is 1,769 MB; the line is 1 GB). */
export const RECONCILIATION_MEMORY_BUDGET_MB = 1024;
const TABLE = 'bench-reconcile';

export interface ReconciliationOptions {
  readonly persons: number;
  readonly entries: number;
  readonly runs: number;
  readonly log: (line: string) => void;
}

const memoryOf = (pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : undefined;
  } catch {
    return undefined;
  }
};

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const [node, args] = tsNode('bin/bench/reconcile-server.ts');
  const child = spawn(node, args, { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'inherit'] });
  onCleanup(() => stopChild(child));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"port"')) resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return { child, port };
}

export async function reconciliationScale(options: ReconciliationOptions): Promise<SectionResult> {
  const { client } = await useTable(TABLE);
  const generator = new RegistryGenerator(2027);
  const identities = Array.from({ length: options.persons }, () => generator.identity());
  options.log(`  loading ${int(options.persons)} persons…`);
  const persons = identities.map((identity, i) => {
    const candidate = generator.person(identity, `bench-${i}`);
    const { id: _id, ...named } = candidate;
    return { ...named, side: 'ukraine', ...serverFields(7_000_000 + i) };
  });
  const loadStarted = performance.now();
  await batchPut(client, TABLE, persons.flatMap((person) => itemsOf(personLayout, person as never)));
  const loadMs = performance.now() - loadStarted;

  // Seven in ten entries name a person of the registry, written as a counterpart's list writes them.
  const entries = Array.from({ length: options.entries }, (_, i) => ({
    ref: String(i + 1),
    ...generator.entry(i % 10 < 7 ? identities[(i * 7919) % identities.length]! : generator.identity()),
  }));
  const body = JSON.stringify({ title: 'Bench list', receivedFrom: 'russia', receivedOn: '2025-06-07', listOf: 'ukraine', entries });

  process.env.LOCAL_JWT_SECRET ??= 'bench-secret-for-local-tokens';
  const env = { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!, TABLE_NAME: TABLE, LOCAL_JWT_SECRET: process.env.LOCAL_JWT_SECRET, LOG_LEVEL: 'info' };
  const { child, port } = await startServer(env);
  const token = await signToken('editor');
  const baselineMb = memoryOf(child.pid!, 'VmRSS');
  const times: number[] = [];
  let summary: Record<string, number> | undefined;
  for (let run = 0; run < options.runs; run++) {
    const started = performance.now();
    const answer = await fetch(`http://127.0.0.1:${port}/reconciliations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    const text = await answer.text();
    times.push(performance.now() - started);
    if (answer.status !== 201) throw new Error(`POST /reconciliations answered ${answer.status} after ${((performance.now() - started) / 1000).toFixed(1)} s: ${text.slice(0, 300)}`);
    summary = (JSON.parse(text) as { summary: Record<string, number> }).summary;
    options.log(`  run ${run + 1}: ${(times.at(-1)! / 1000).toFixed(2)} s`);
  }
  const peakMb = memoryOf(child.pid!, 'VmHWM');
  await stopChild(child);

  const worst = Math.max(...times);
  const perEntryMs = median(times) / options.entries;
  const mb = (n: number | undefined) => (n === undefined ? 'n/a' : `${Math.round(n)} MB`);
  const bodyKb = Buffer.byteLength(body) / 1024;
  return {
    id: 'reconcile',
    rows: [
      {
        figure: 'reconciliation, end to end',
        measured: `${int(options.entries)} entries × ${int(options.persons)} persons: ${(median(times) / 1000).toFixed(2)} s median, ${(worst / 1000).toFixed(2)} s worst of ${times.length} (first includes the module's load); ${(perEntryMs * 1000).toFixed(0)} µs per entry`,
        budget: `≤ ${RECONCILIATION_BUDGET_MS / 1000} s`,
        verdict: worst <= RECONCILIATION_BUDGET_MS ? 'met' : 'missed',
      },
      {
        figure: 'reconciliation, memory',
        measured: `server process ${mb(baselineMb)} before, ${mb(peakMb)} at its peak`,
        budget: `fits ${RECONCILIATION_MEMORY_BUDGET_MB} MB (the function has 1,769 MB)`,
        verdict: peakMb === undefined || peakMb <= RECONCILIATION_MEMORY_BUDGET_MB ? 'met' : 'missed',
      },
    ],
    details: [
      '### Reconciliation, end to end',
      '',
      `\`POST /reconciliations\` with ${int(options.entries)} entries (${bodyKb.toFixed(0)} KB; seven in ten name a registry person as a counterpart's list writes them:`,
      "another script or transliteration, swapped order, sometimes a typo or no date of birth) against",
      `${int(options.persons)} persons of that side (loaded in ${(loadMs / 1000).toFixed(1)} s), through the local server in a process of its own over DynamoDB Local:`,
      'the persons read from the names index (32 segments, 8 at a time), matched in memory, the report written in batches, then answered.',
      '',
      markdownTable(
        ['run', 'time', 'per entry'],
        times.map((t, i) => [String(i + 1), `${(t / 1000).toFixed(2)} s`, `${((t / options.entries) * 1000).toFixed(0)} µs`]),
      ),
      '',
      `Outcome of the last run: ${Object.entries(summary ?? {}).map(([k, v]) => `${k} ${int(v)}`).join(', ')}.`,
      `Memory (resident set of the server process): ${mb(baselineMb)} before the first request, ${mb(peakMb)} at its peak.`,
      'On AWS the function has 1,769 MB (one full vCPU) and 28 s, inside API Gateway\'s 29 s.',
    ].join('\n'),
  };
}

/**
 * Cold init: fresh Node processes that import a function's bundle exactly as `cdk synth` wrote it
 * and answer one request against DynamoDB Local, then a bare Node start in the same run; the
 * figure is the difference of the medians. Each process gets the environment AWS Lambda gives
 * the function (its template's variables, NODE_OPTIONS included; the role's credentials as
 * AWS_ACCESS_KEY_ID/…; AWS_REGION; an empty HOME, no shared config files) and reaches DynamoDB
 * Local through AWS_ENDPOINT_URL_DYNAMODB, so the bundle takes the code path it takes on AWS
 * (no DYNAMODB_ENDPOINT, default credentials). Runs are interleaved: bare, then each function,
 * round after round, so that drift in the machine affects all of them alike. Before the first
 * round, DynamoDB Local is warmed to a steady state with the same requests (dynamodb-warm-up.ts).
 *
 * Beside the functions, three references that no budget applies to, measured the same way: a
 * function with NODE_OPTIONS=--enable-source-maps, the AWS SDK's GetItem alone (bin/bench/reference/
 * sdk-get-item.ts, bundled as the functions were while they used the SDK's client) and a signed
 * GetItem with nothing but node:crypto and node:http (signed-request.ts). They tell how much of a
 * cold start is the project's, how much Node's, and what the SDK's client would add.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { cleanEnv } from './child';
import { bundleFile, synthesizeBundles } from './bundle-sizes';
import { batchPut, useTable } from './dynamo';
import { itemsOf, personRecords, repatriationRecords, roundRecords } from './data';
import { coldRequestFor } from './requests';
import { warmDynamoDbLocal, warmUpDetails } from './dynamodb-warm-up';
import { median } from './numbers';
import { markdownTable, type SectionResult } from './report';
import { personLayout, repatriationLayout, roundLayout } from '../../lambdas/store/keys';
import { BUNDLE_MAIN_FIELDS, CREATE_REQUIRE_BANNER } from '../../lib/function/bundle-options';
import { projectRoot } from '../../lib/project-root';

export const COLD_BUDGET_MS = 60;
const TABLE = 'bench-cold';
interface Sample {
  /** Spawn to the first byte of the answer on stdout. */
  readonly answerMs: number;
  readonly status?: number;
  readonly importMs?: number;
  readonly requestMs?: number;
  /** The same request again in the same process, right after the first. */
  readonly warmRequestMs?: number;
  readonly warmStatus?: number;
  readonly body?: string;
}

function runOnce(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<Sample & { out: string; err: string }> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    let answerMs = 0;
    let out = '';
    let err = '';
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (!answerMs) answerMs = performance.now() - started;
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${err.slice(-2000)}`));
      let parsed: Partial<Sample> = {};
      try {
        parsed = out.trim() ? (JSON.parse(out.trim().split('\n').pop()!) as Partial<Sample>) : {};
      } catch {
        // A bare start prints no JSON.
      }
      resolveRun({ ...parsed, answerMs, out, err });
    });
  });
}

/** Records for the cold requests to find: reads answer 200, not 404. */
async function seed(): Promise<{ endpoint: string; ids: { rounds: string; repatriations: string; persons: string } }> {
  const dynamo = await useTable(TABLE);
  const rounds = roundRecords(20);
  const repatriations = repatriationRecords(5);
  const completed = rounds.filter((round) => round.status === 'completed').map((round) => round.id);
  const persons = personRecords(0, 20, completed);
  await batchPut(dynamo.client, TABLE, [
    ...rounds.flatMap((r) => itemsOf(roundLayout, r)),
    ...repatriations.flatMap((r) => itemsOf(repatriationLayout, r)),
    ...persons.flatMap((p) => itemsOf(personLayout, p)),
  ]);
  return { endpoint: dynamo.endpoint, ids: { rounds: completed[0]!, repatriations: repatriations[0]!.id, persons: persons[0]!.id } };
}

/** A reference handler bundled as the functions are (ESM, minified, source map, same banner and aliases). */
async function bundleReference(name: string, outDir: string): Promise<string> {
  const outfile = join(outDir, name, 'index.mjs');
  await build({
    entryPoints: [join(projectRoot, 'bin', 'bench', 'reference', `${name}.ts`)],
    outfile,
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: [...BUNDLE_MAIN_FIELDS],
    banner: { js: CREATE_REQUIRE_BANNER },
    // As the functions were bundled while they used the SDK's client (docs/benchmarks.md, change 1).
    alias: { '@aws-sdk/credential-provider-node': './bin/bench/reference/env-credentials.ts' },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'silent',
  });
  return outfile;
}

export async function coldInit(options: { workDir: string; runs: number; log: (line: string) => void }): Promise<SectionResult> {
  const bundles = await synthesizeBundles(options.workDir);
  const { endpoint, ids } = await seed();
  const home = join(options.workDir, 'lambda-home');
  const eventsDir = join(options.workDir, 'cold-events');
  mkdirSync(home, { recursive: true });
  mkdirSync(eventsDir, { recursive: true });

  const lambdaEnv = (extra: Record<string, string>) =>
    cleanEnv({
      HOME: home,
      AWS_REGION: 'eu-central-1',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'ASIABENCHMARKKEY',
      AWS_SECRET_ACCESS_KEY: 'benchmark-secret',
      AWS_SESSION_TOKEN: 'benchmark-session-token',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      TABLE_NAME: TABLE,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      ...extra,
    });
  const runner = join(projectRoot, 'bin', 'bench', 'cold-runner.mjs');
  const warmUps = await warmDynamoDbLocal(bundles.map((bundle) => coldRequestFor(bundle.fn, ids)));
  const targets = bundles.map((bundle) => {
    const request = coldRequestFor(bundle.fn, ids);
    const eventFile = join(eventsDir, `${bundle.fn}.json`);
    writeFileSync(eventFile, JSON.stringify(request.event()));
    return {
      fn: bundle.fn,
      route: `${request.route.method} ${request.route.path}`,
      expectStatus: request.expectStatus,
      args: [runner, bundleFile(bundle), eventFile],
      env: lambdaEnv({ ...bundle.environment, AWS_LAMBDA_FUNCTION_NAME: bundle.fn }),
      reference: false,
      samples: [] as Sample[],
    };
  });
  const roundsRead = targets.find((target) => target.fn === 'rounds-read');
  if (roundsRead) {
    const withSourceMaps = { ...roundsRead.env, NODE_OPTIONS: `${roundsRead.env.NODE_OPTIONS ?? ''} --enable-source-maps`.trim() };
    targets.push({ ...roundsRead, fn: 'rounds-read with --enable-source-maps', env: withSourceMaps, reference: true, samples: [] });
    for (const [name, label] of [
      ['sdk-get-item', 'AWS SDK GetItem alone, no project code'],
      ['signed-request', 'signed GetItem without any SDK'],
    ] as const) {
      const file = await bundleReference(name, join(options.workDir, 'reference'));
      targets.push({ ...roundsRead, fn: label, args: [runner, file, roundsRead.args[2]!], reference: true, samples: [] });
    }
  }
  // The bare start gets the same environment (NODE_OPTIONS included) and answers as soon as it can.
  const bareArgs = ['-e', 'process.stdout.write("ready\\n")'];
  const bareEnv = targets[0]?.env ?? lambdaEnv({});
  const bare: Sample[] = [];

  const started = performance.now();
  for (let round = 0; round < options.runs; round++) {
    bare.push(await runOnce(bareArgs, bareEnv));
    for (const target of targets) {
      const sample = await runOnce(target.args, target.env);
      if (sample.status !== target.expectStatus || (sample.warmStatus !== undefined && sample.warmStatus !== target.expectStatus)) {
        throw new Error(
          `cold ${target.fn} ${target.route} answered ${sample.status} then ${sample.warmStatus}, not ${target.expectStatus}: ${sample.body ?? sample.out}\n${sample.err.slice(-1000)}`,
        );
      }
      target.samples.push(sample);
    }
    if (round === 0) {
      const references = targets.filter((target) => target.reference).length;
      const estimate = ((performance.now() - started) * options.runs) / 1000;
      options.log(`  cold init: ${targets.length - references} functions and ${references} references × ${options.runs} processes (about ${estimate.toFixed(0)} s)`);
    }
  }

  const bareAnswer = median(bare.map((s) => s.answerMs));
  const figuresOf = (target: (typeof targets)[number]) => {
    const answer = median(target.samples.map((s) => s.answerMs));
    return {
      fn: target.fn,
      route: target.route,
      above: answer - bareAnswer,
      importMs: median(target.samples.map((s) => s.importMs ?? 0)),
      requestMs: median(target.samples.map((s) => s.requestMs ?? 0)),
      warmMs: median(target.samples.map((s) => s.warmRequestMs ?? 0)),
    };
  };
  const rows = targets.filter((t) => !t.reference).map(figuresOf).sort((a, b) => b.above - a.above);
  const references = targets.filter((t) => t.reference).map(figuresOf);
  const worst = rows[0]!;
  const over = rows.filter((row) => row.above > COLD_BUDGET_MS);
  const nodeOptions = roundsRead?.env.NODE_OPTIONS;
  const columns = ['above bare (answer)', 'import', 'first request', 'same request, warm'];
  const cells = (row: ReturnType<typeof figuresOf>) => [
    `${row.above.toFixed(1)} ms`,
    `${row.importMs.toFixed(1)} ms`,
    `${row.requestMs.toFixed(1)} ms`,
    `${row.warmMs.toFixed(1)} ms`,
  ];
  const overNote = over.length
    ? `; over: ${over.map((row) => `${row.fn} (its request takes ${row.warmMs.toFixed(0)} ms when warm)`).join(', ')}`
    : '';
  return {
    id: 'cold',
    rows: [
      {
        figure: 'cold init',
        measured: `${worst.above.toFixed(1)} ms above bare Node at worst (${worst.fn}), ${rows[rows.length - 1]!.above.toFixed(1)} ms at best; median over ${options.runs} processes per function, bare Node ${bareAnswer.toFixed(1)} ms; ${rows.length - over.length} of ${rows.length} within budget${overNote}`,
        budget: `≤ ${COLD_BUDGET_MS} ms above bare Node`,
        verdict: over.length === 0 ? 'met' : 'missed',
      },
    ],
    details: [
      '### Cold init',
      '',
      `${options.runs} fresh \`node\` processes per function, interleaved with ${options.runs} bare starts`,
      '(`node -e` printing one line). Each imports the function\'s synthesized `index.mjs` (bin/bench/cold-runner.mjs,',
      'as the Lambda runtime does) and answers the request below against DynamoDB Local, with the',
      `function's environment from the template (${nodeOptions ? `NODE_OPTIONS=${nodeOptions}` : 'no NODE_OPTIONS'}), credentials in`,
      'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN as Lambda provides them, and',
      'AWS_ENDPOINT_URL_DYNAMODB pointing at DynamoDB Local. "Answer" is from spawn to the first byte',
      'of the answer on the parent\'s side; the figure is median answer − median bare answer. Import,',
      'first request and the same request again, warm, right after it, are measured inside the process.',
      '',
      markdownTable(
        ['function', 'request', ...columns, 'within 60 ms'],
        rows.map((row) => [row.fn, row.route, ...cells(row), row.above <= COLD_BUDGET_MS ? 'yes' : '**no**']),
      ),
      '',
      `Bare Node: ${bareAnswer.toFixed(1)} ms to its first output (median).`,
      '',
      'References, measured in the same rounds with the `GET /rounds/{id}` event (no budget applies):',
      '',
      markdownTable(['reference', ...columns], references.map((row) => [row.fn, ...cells(row)])),
      '',
      ...warmUpDetails(warmUps),
    ].join('\n'),
  };
}

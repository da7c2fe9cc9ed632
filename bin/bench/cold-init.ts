/**
 * Cold init: fresh Node processes that import a function's bundle exactly as `cdk synth` wrote it
 * and answer one request against DynamoDB Local, and, in the same rounds, the reference the budget
 * is relative to: the AWS SDK's GetItem and nothing else (bin/bench/reference/sdk-get-item.ts),
 * bundled with the functions' esbuild options (reference-bundle.ts) and run with the same
 * environment. A function's margin is its answer time minus the reference's in the same round
 * (the median over the rounds); the API's functions may take 15 ms more than the reference,
 * `stats-refresh` (whose one request is a whole refresh) 60 ms.
 *
 * Each process gets the environment AWS Lambda gives the function (cold-process.ts: its
 * template's variables, credentials as AWS_ACCESS_KEY_ID/…, AWS_REGION, an empty HOME) and reaches
 * DynamoDB Local through AWS_ENDPOINT_URL_DYNAMODB, so the SDK's credential and endpoint
 * resolution do what they do on AWS. Runs are interleaved: bare Node, the references,
 * then each function, round after round, so that drift in the machine weighs on all of them alike.
 * Before the first round, DynamoDB Local is warmed to a steady state with the same requests
 * (dynamodb-warm-up.ts). For information, no budget: a bare Node start, and rounds-read with
 * NODE_OPTIONS=--enable-source-maps.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleFile, synthesizeBundles } from './bundle-sizes';
import { BARE_NODE_ARGS, COLD_RUNNER, lambdaEnvironment, runColdProcess, type ColdSample } from './cold-process';
import { batchPut, useTable } from './dynamo';
import { agreementRecords, itemsOf, negotiationRecords, personRecords, repatriationRecords, roundRecords } from './data';
import { coldRequestFor, type RecordIds } from './requests';
import { withRegistryNames } from './reconciliation-list';
import { handlerOf, lambdaContext } from '../local/server';
import { warmDynamoDbLocal, warmUpDetails } from './dynamodb-warm-up';
import { median } from './numbers';
import { bundleReference } from './reference-bundle';
import { markdownTable, type Row, type SectionResult } from './report';
import { agreementLayout, negotiationLayout, personLayout, repatriationLayout, roundLayout } from '../../lambdas/store/keys';

/** What a function may take above the reference's cold init, in milliseconds. */
export const COLD_ALLOWANCE_MS = 15;
export const REFRESH_COLD_ALLOWANCE_MS = 60;
const REFRESH_FUNCTION = 'stats-refresh';
const allowanceOf = (fn: string) => (fn === REFRESH_FUNCTION ? REFRESH_COLD_ALLOWANCE_MS : COLD_ALLOWANCE_MS);
const TABLE = 'bench-cold';
const REFERENCE = 'AWS SDK GetItem alone (the reference)';

/**
 * Records for the cold requests to find: reads answer 200, not 404. The agreement is named, as
 * those of data/agreements-2025.json are, by 3 rounds (stages 1–3) and a repatriation, and by a
 * negotiation event: its read Queries its partition for them. The persons have the registry's names
 * (reconciliation-list.ts: 14 of the 20 of Ukraine's side, the side of the list), and one
 * reconciliation of that list is run through the API's own handler (POST /reconciliations,
 * in this process, against the same table), so that its report item, entries and omitted persons
 * are what the API writes.
 */
async function seed(): Promise<{ endpoint: string; ids: RecordIds }> {
  const dynamo = await useTable(TABLE);
  const agreements = agreementRecords(3);
  const agreementId = agreements[0]!.id;
  const rounds = roundRecords(20).map((round, i) => (i < 3 ? { ...round, agreementId, stage: i + 1 } : round));
  const repatriations = repatriationRecords(5).map((repatriation, i) => (i === 0 ? { ...repatriation, agreementId } : repatriation));
  const negotiations = negotiationRecords(5, [agreementId], 1);
  const completed = rounds.filter((round) => round.status === 'completed').map((round) => round.id);
  const persons = withRegistryNames(personRecords(0, 20, completed));
  await batchPut(dynamo.client, TABLE, [
    ...rounds.flatMap((r) => itemsOf(roundLayout, r)),
    ...repatriations.flatMap((r) => itemsOf(repatriationLayout, r)),
    ...persons.flatMap((p) => itemsOf(personLayout, p)),
    ...agreements.flatMap((a) => itemsOf(agreementLayout, a)),
    ...negotiations.flatMap((n) => itemsOf(negotiationLayout, n)),
  ]);
  const ids = { rounds: completed[0]!, repatriations: repatriations[0]!.id, persons: persons[0]!.id, agreements: agreementId, negotiations: negotiations[0]!.id };
  return { endpoint: dynamo.endpoint, ids: { ...ids, reconciliations: await seedReconciliation({ ...ids, reconciliations: '' }) } };
}

/** The cold request of reconciliations-write, once, through its handler: the id of the report it stored. */
async function seedReconciliation(ids: RecordIds): Promise<string> {
  const request = coldRequestFor('reconciliations-write', ids);
  const result = await (await handlerOf(request.route.fn))(request.event(), lambdaContext(request.route.fn, 'seed'));
  if (result.statusCode !== 201) throw new Error(`cold: seeding ${request.route.method} ${request.route.path} answered ${result.statusCode}: ${result.body}`);
  return (JSON.parse(result.body) as { id: string }).id;
}

interface Target {
  readonly fn: string;
  readonly route: string;
  readonly expectStatus: number;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly kind: 'function' | 'reference' | 'information';
  readonly samples: ColdSample[];
}

export async function coldInit(options: { workDir: string; runs: number; log: (line: string) => void }): Promise<SectionResult> {
  const bundles = await synthesizeBundles(options.workDir);
  const { endpoint, ids } = await seed();
  const home = join(options.workDir, 'lambda-home');
  const eventsDir = join(options.workDir, 'cold-events');
  mkdirSync(home, { recursive: true });
  mkdirSync(eventsDir, { recursive: true });
  const lambdaEnv = (extra: Record<string, string>) => lambdaEnvironment({ home, endpoint, tableName: TABLE }, extra);

  const warmUps = await warmDynamoDbLocal(bundles.map((bundle) => coldRequestFor(bundle.fn, ids)));
  const functions: Target[] = bundles.map((bundle) => {
    const request = coldRequestFor(bundle.fn, ids);
    const eventFile = join(eventsDir, `${bundle.fn}.json`);
    writeFileSync(eventFile, JSON.stringify(request.event()));
    return {
      fn: bundle.fn,
      route: `${request.route.method} ${request.route.path}`,
      expectStatus: request.expectStatus,
      args: [COLD_RUNNER, bundleFile(bundle), eventFile],
      env: lambdaEnv({ ...bundle.environment, AWS_LAMBDA_FUNCTION_NAME: bundle.fn }),
      kind: 'function',
      samples: [],
    };
  });
  const roundsRead = functions.find((target) => target.fn === 'rounds-read');
  if (!roundsRead) throw new Error('cold init: the reference answers the GET /rounds/{id} event of rounds-read, and there is no rounds-read');
  const referenceBundle = await bundleReference('sdk-get-item', join(options.workDir, 'reference', 'sdk-get-item'));
  const reference: Target = { ...roundsRead, fn: REFERENCE, args: [COLD_RUNNER, referenceBundle.file, roundsRead.args[2]!], kind: 'reference', samples: [] };
  const withSourceMaps: Target = {
    ...roundsRead,
    fn: 'rounds-read with --enable-source-maps',
    env: { ...roundsRead.env, NODE_OPTIONS: `${roundsRead.env.NODE_OPTIONS ?? ''} --enable-source-maps`.trim() },
    kind: 'information',
    samples: [],
  };
  const targets = [reference, withSourceMaps, ...functions];
  const bareEnv = roundsRead.env;
  const bare: ColdSample[] = [];

  const started = performance.now();
  for (let round = 0; round < options.runs; round++) {
    bare.push(await runColdProcess(BARE_NODE_ARGS, bareEnv));
    // Each round starts one target further on, so that no target always runs first or last after
    // the bare start: a drift within a round (DynamoDB Local's collector, the page cache, the CPU's
    // clock) then falls on every target alike instead of always on the same ones.
    const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
    for (const target of order) {
      const sample = await runColdProcess(target.args, target.env);
      if (sample.status !== target.expectStatus || (sample.warmStatus !== undefined && sample.warmStatus !== target.expectStatus)) {
        throw new Error(
          `cold ${target.fn} ${target.route} answered ${sample.status} then ${sample.warmStatus}, not ${target.expectStatus}: ${sample.body ?? sample.out}\n${sample.err.slice(-1000)}`,
        );
      }
      target.samples.push(sample);
    }
    if (round === 0) {
      const estimate = ((performance.now() - started) * options.runs) / 1000;
      options.log(`  cold init: ${functions.length} functions, the reference and ${targets.length - functions.length - 1} more × ${options.runs} processes (about ${estimate.toFixed(0)} s)`);
    }
  }

  const bareAnswer = median(bare.map((s) => s.answerMs));
  const figuresOf = (target: Target) => {
    const answer = median(target.samples.map((s) => s.answerMs));
    return {
      fn: target.fn,
      route: target.route,
      aboveBare: answer - bareAnswer,
      // Round by round (the reference and the function ran seconds apart), then the median: drift
      // between rounds cancels.
      margin: median(target.samples.map((sample, round) => sample.answerMs - reference.samples[round]!.answerMs)),
      // For information, two narrower readings of "cold init", round by round too: the import alone
      // (what Lambda reports as Init Duration), and the answer less the same request answered warm
      // in the same process (what being cold costs beyond the request's own work).
      importMargin: median(target.samples.map((sample, round) => (sample.importMs ?? 0) - (reference.samples[round]!.importMs ?? 0))),
      coldCostMargin: median(
        target.samples.map((sample, round) => {
          const ref = reference.samples[round]!;
          return sample.answerMs - (sample.warmRequestMs ?? 0) - (ref.answerMs - (ref.warmRequestMs ?? 0));
        }),
      ),
      allowance: allowanceOf(target.fn),
      importMs: median(target.samples.map((s) => s.importMs ?? 0)),
      requestMs: median(target.samples.map((s) => s.requestMs ?? 0)),
      warmMs: median(target.samples.map((s) => s.warmRequestMs ?? 0)),
    };
  };
  type Figures = ReturnType<typeof figuresOf>;
  const within = (row: Figures) => row.margin <= row.allowance;
  const rows = functions.map(figuresOf).sort((a, b) => b.margin - a.margin);
  const referenceRow = figuresOf(reference);
  const informationRows = targets.filter((t) => t.kind === 'information').map(figuresOf);
  const signed = (ms: number) => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;
  const referenceNote = `reference ${referenceRow.aboveBare.toFixed(1)} ms above bare Node (${bareAnswer.toFixed(1)} ms); median over ${options.runs} processes each`;

  const apiRows = rows.filter((row) => row.fn !== REFRESH_FUNCTION);
  const refreshRow = rows.find((row) => row.fn === REFRESH_FUNCTION);
  const apiWorst = apiRows[0]!;
  const apiOver = apiRows.filter((row) => !within(row));
  const spread = (values: number[]) => `${signed(Math.min(...values))} to ${signed(Math.max(...values))}`;
  const narrower = (list: Figures[]) =>
    `for information, import ${spread(list.map((row) => row.importMargin))} over the reference's, cold cost ${spread(list.map((row) => row.coldCostMargin))}`;
  const summaryRows: Row[] = [
    {
      figure: 'cold init, API functions',
      measured: `margin ${signed(apiWorst.margin)} over the reference at worst (${apiWorst.fn}), ${signed(apiRows[apiRows.length - 1]!.margin)} at best; ${apiRows.length - apiOver.length} of ${apiRows.length} within; ${referenceNote}; ${narrower(apiRows)}`,
      budget: `≤ reference + ${COLD_ALLOWANCE_MS} ms`,
      verdict: apiOver.length === 0 ? 'met' : 'missed',
    },
  ];
  if (refreshRow) {
    summaryRows.push({
      figure: 'cold init, stats refresh',
      measured: `margin ${signed(refreshRow.margin)} over the reference (${refreshRow.aboveBare.toFixed(1)} ms above bare Node; the same request warm: ${refreshRow.warmMs.toFixed(1)} ms); ${narrower([refreshRow])}`,
      budget: `≤ reference + ${REFRESH_COLD_ALLOWANCE_MS} ms`,
      verdict: within(refreshRow) ? 'met' : 'missed',
    });
  }
  const nodeOptions = roundsRead.env.NODE_OPTIONS;
  const timings = (row: Figures) => [`${row.importMs.toFixed(1)} ms`, `${row.requestMs.toFixed(1)} ms`, `${row.warmMs.toFixed(1)} ms`];
  return {
    id: 'cold',
    rows: summaryRows,
    details: [
      '### Cold init',
      '',
      `${options.runs} fresh \`node\` processes per function and per reference, interleaved round by round (the order rotated by one each round) with`,
      `${options.runs} bare starts (\`node -e\` printing one line). Each imports its \`index.mjs\` (bin/bench/cold-runner.mjs, as`,
      'the Lambda runtime does) and answers the request below against DynamoDB Local, with the function\'s',
      `environment from the template (${nodeOptions ? `NODE_OPTIONS=${nodeOptions}` : 'no NODE_OPTIONS'}), credentials in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/`,
      'AWS_SESSION_TOKEN as Lambda provides them (the SDK reads them there, as on Lambda) and',
      'AWS_ENDPOINT_URL_DYNAMODB pointing at DynamoDB Local. "Answer" is from spawn to the first byte of',
      'the answer on the parent\'s side. The reference is `bin/bench/reference/sdk-get-item.ts`, the SDK\'s',
      'document client over DynamoDBClient (the project\'s marshall options, attempts and credentials) sending one',
      'GetCommand, bundled with the functions\' esbuild options and answering the `GET /rounds/{id}` event',
      `with rounds-read's environment: ${referenceRow.aboveBare.toFixed(1)} ms above bare Node, bundle ${(referenceBundle.bytes / 1000).toFixed(1)} KB. A function's margin is`,
      'the median, over the rounds, of its answer − the reference\'s answer in the same round. Import, first',
      'request and the same request again, warm, right after it, are measured inside the process.',
      'Two narrower margins, for information and not held to the allowance, are taken the same way, round by',
      'round: the import\'s over the reference\'s import (what Lambda reports as Init Duration), and the',
      '"cold cost": the answer less the same request answered warm right after it, over the reference\'s',
      'same difference (what being cold adds beyond the request\'s own work, which a refresh or a',
      'reconciliation mostly is).',
      '',
      markdownTable(
        ['function', 'request', 'margin over the reference', 'allowance', 'within', 'above bare Node', 'import', 'first request', 'same request, warm', 'import margin', 'cold-cost margin'],
        rows.map((row) => [
          row.fn,
          row.route,
          signed(row.margin),
          `${row.allowance} ms`,
          within(row) ? 'yes' : '**no**',
          `${row.aboveBare.toFixed(1)} ms`,
          ...timings(row),
          signed(row.importMargin),
          signed(row.coldCostMargin),
        ]),
      ),
      '',
      `Bare Node: ${bareAnswer.toFixed(1)} ms to its first output (median). The reference and, for information, rounds-read`,
      'with `NODE_OPTIONS=--enable-source-maps`, measured in the same rounds with the `GET /rounds/{id}` event:',
      '',
      markdownTable(
        ['', 'above bare Node', 'margin over the reference', 'import', 'first request', 'same request, warm'],
        [referenceRow, ...informationRows].map((row) => [row.fn, `${row.aboveBare.toFixed(1)} ms`, row === referenceRow ? '–' : signed(row.margin), ...timings(row)]),
      ),
      '',
      ...warmUpDetails(warmUps),
    ].join('\n'),
  };
}

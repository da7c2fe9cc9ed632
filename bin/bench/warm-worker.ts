/**
 * Child process of the warm-overhead section: every route of the route table, invoked in-process
 * through its Lambda handler (the same middleware chain, validation and store code) with DynamoDB
 * replaced by the canned table (canned-table.ts), in one of two places (argv[5]):
 *
 *   client           the document client mocked with aws-sdk-client-mock (mockClient on
 *                    DynamoDBDocumentClient, one callsFake, no input matchers): the handler's
 *                    time over the mocked client, what the budget measures; the mock's own cost
 *                    per command is measured beside it
 *   request-handler  the store's real SDK client, only its request handler replaced
 *                    (canned-request-handler.ts): the SDK's middleware, signing, serializing and
 *                    (un)marshalling count too; for information
 *
 * A child of its own so that neither stub can leak into the other sections. Prints one JSON line
 * (the handlers' own log lines are dropped, see below): the mock's cost
 * per command (µs), per route p50/p99/mean/max in milliseconds, for `GET /agreements/{id}` (100
 * linked rounds) the commands one read sent, as the mock recorded them, and what its Query
 * answered, and what the canned reconciliation holds (its warm-up answers are checked against it).
 *
 * argv: <calls per route> <warm-up calls per route> <time cap per route, ms> <client|request-handler>
 */
process.env.TABLE_NAME = 'bench-warm';
process.env.AWS_REGION = 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID = 'bench';
process.env.AWS_SECRET_ACCESS_KEY = 'bench';
process.env.CORS_ORIGINS = 'https://registry.example.org';
delete process.env.DYNAMODB_ENDPOINT;
// Each call logs its line and publishes its metric blobs (Powertools, as on Lambda): they are
// formatted as there, then dropped, so that only this worker's result reaches the parent.
const writeResult = process.stdout.write.bind(process.stdout);
process.stdout.write = (() => true) as typeof process.stdout.write;

import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { resetTableClient, table } from '../../lambdas/store/client';
import { handlerOf, lambdaContext } from '../local/server';
import { allRequests } from './requests';
import { BATCH_WRITE_ANSWER, cannedAgreementRead, cannedAnswer, cannedIds, cannedReconciliation, type ReadInput } from './canned-table';
import { cannedRequestHandler } from './canned-request-handler';

const [calls = 10_000, warmUp = 1000, capMs = 20_000] = process.argv.slice(2, 5).map(Number);
const stubbed = process.argv[5] === 'request-handler' ? 'request-handler' : 'client';

/** What one call of a route sends to DynamoDB (the mocked run records it), for the mock's share and the agreement read's count. */
interface Sent {
  readonly count: number;
  /** The commands in the order sent, e.g. GetCommand, QueryCommand. */
  readonly names: string[];
  readonly inputs: ReadInput[];
}
let sentByOneCall: (call: () => Promise<void>) => Promise<Sent | undefined> = async () => undefined;
let afterCall = () => {};
/** aws-sdk-client-mock's own cost per command, µs (sinon records every call and matches it against each behaviour). */
let calibrate: (batch: number) => Promise<number | undefined> = async () => undefined;
if (stubbed === 'client') {
  const ddb = mockClient(DynamoDBDocumentClient);
  // One behaviour, told apart by the input's shape: sinon compares every command with every
  // registered behaviour, so four `on(Command)` cost about twice as much per command as one.
  ddb.callsFake((input: ReadInput & { TransactItems?: unknown; Item?: unknown; RequestItems?: unknown }) =>
    input.RequestItems
      ? BATCH_WRITE_ANSWER
      : input.TransactItems || input.Item
        ? {}
        : cannedAnswer(input.KeyConditionExpression ? 'Query' : 'GetItem', input),
  );
  // The recorded history is of no use here and its growth costs garbage collection: it is
  // cleared after every call, outside the timed part.
  afterCall = () => ddb.resetHistory();
  // After the routes, when sinon's code is as warm as it was for them.
  calibrate = async (batch) => {
    const client = table().client;
    const command = new GetCommand({ TableName: 'bench-warm', Key: { PK: `ROUND#${cannedIds.rounds}`, SK: 'ROUND' } });
    // In batches of as many commands as the busiest route sends, history cleared between batches
    // as between calls.
    const batches: number[] = [];
    for (let b = 0; b < 100; b++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await client.send(command);
      batches.push(Number(process.hrtime.bigint() - started) / 1e3 / batch);
      afterCall();
    }
    return batches.sort((a, b) => a - b)[batches.length >> 1];
  };
  sentByOneCall = async (call) => {
    ddb.resetHistory();
    await call();
    const calls = ddb.calls();
    ddb.resetHistory();
    return {
      count: calls.length,
      names: calls.map((c) => (c.args[0] as object).constructor.name),
      inputs: calls.map((c) => (c.args[0] as { input: ReadInput }).input),
    };
  };
} else {
  // The client the store builds for this process (lambdas/store/client.ts caches it): the same
  // settings as on AWS, the handler it would send through swapped before its first request.
  resetTableClient();
  const { client } = table();
  client.config.requestHandler = cannedRequestHandler() as unknown as typeof client.config.requestHandler;
}

/** The agreement read must answer the progress of what the canned partition holds: the Query's answer was used. */
const AGREEMENT_READ = 'GET /agreements/{id}';
const agreementRead = cannedAgreementRead();
function checkAgreementRead(body: string): void {
  const progress = (JSON.parse(body) as { progress?: { rounds?: number; repatriations?: number; returnedToUkraine?: number } }).progress;
  if (
    progress?.rounds !== agreementRead.completedRounds ||
    progress.repatriations !== agreementRead.repatriations ||
    progress.returnedToUkraine !== agreementRead.returnedToUkraine
  ) {
    throw new Error(`${AGREEMENT_READ} answered progress ${JSON.stringify(progress)}, not that of the canned partition (${JSON.stringify(agreementRead)})`);
  }
}

/** The POST's report must be that of its list against the names index's persons: the segments' answers were read and matched. */
const RECONCILIATION_RUN = 'POST /reconciliations';
function checkReconciliationRun(body: string): void {
  const summary = (JSON.parse(body) as { summary?: unknown }).summary;
  if (JSON.stringify(summary) !== JSON.stringify(cannedReconciliation.summary)) {
    throw new Error(`${RECONCILIATION_RUN} answered the summary ${JSON.stringify(summary)}, not that of its list against the canned persons (${JSON.stringify(cannedReconciliation.summary)})`);
  }
}

interface AgreementReadFigures {
  /** The commands one read sends, as the mock recorded them. */
  readonly commandNames: string[];
  /** Items and JSON bytes the Query answers (after its projection). */
  readonly queryItems: number;
  readonly queryBytes: number;
  /** What the canned partition holds. */
  readonly canned: ReturnType<typeof cannedAgreementRead>;
}

const results: { route: string; calls: number; commands?: number; p50: number; p99: number; mean: number; max: number }[] = [];
let agreementReadFigures: AgreementReadFigures | undefined;
for (const request of allRequests(cannedIds)) {
  const key = `${request.route.method} ${request.route.path}`;
  const handler = await handlerOf(request.route.fn);
  const call = async () => {
    const result = await handler(request.event(), lambdaContext(request.route.fn, 'warm'));
    if (result.statusCode !== request.expectStatus) throw new Error(`${key} answered ${result.statusCode}, not ${request.expectStatus}: ${result.body}`);
    if (key === AGREEMENT_READ) checkAgreementRead(result.body);
    if (key === RECONCILIATION_RUN) checkReconciliationRun(result.body);
  };
  // Bounded in time too (a quarter of the route's cap), for the routes that compute (POST
  // /reconciliations takes about 10 ms a call); the others finish their calls well inside it.
  const warmUpEnds = performance.now() + capMs / 4;
  for (let i = 0; i < warmUp && (i < 100 || performance.now() < warmUpEnds); i++) {
    await call();
    afterCall();
  }
  const sent = await sentByOneCall(call);
  const commands = sent?.count;
  if (sent && key === AGREEMENT_READ) {
    const queries = sent.inputs.filter((input) => input.KeyConditionExpression);
    const items = queries.flatMap((input) => (cannedAnswer('Query', input).Items as object[] | undefined) ?? []);
    agreementReadFigures = { commandNames: sent.names, queryItems: items.length, queryBytes: JSON.stringify(items).length, canned: agreementRead };
  }
  const durations = new Float64Array(calls);
  const deadline = performance.now() + capMs;
  let done = 0;
  for (; done < calls && performance.now() < deadline; done++) {
    const event = request.event();
    const context = lambdaContext(request.route.fn, 'warm');
    const started = process.hrtime.bigint();
    const result = await handler(event, context);
    durations[done] = Number(process.hrtime.bigint() - started) / 1e6;
    afterCall();
    if (result.statusCode !== request.expectStatus) throw new Error(`${key} answered ${result.statusCode}: ${result.body}`);
  }
  const sorted = durations.subarray(0, done).sort();
  const at = (p: number) => sorted[Math.min(done - 1, Math.max(0, Math.ceil((p / 100) * done) - 1))]!;
  results.push({ route: key, calls: done, commands, p50: at(50), p99: at(99), mean: sorted.reduce((a, b) => a + b, 0) / done, max: sorted[done - 1]! });
}
const mockBatch = Math.max(1, ...results.map((r) => r.commands ?? 0));
const mockMicrosPerCommand = await calibrate(mockBatch);
writeResult(
  `${JSON.stringify({ mockMicrosPerCommand, mockBatch: stubbed === 'client' ? mockBatch : undefined, agreementRead: agreementReadFigures, reconciliation: cannedReconciliation, routes: results })}\n`,
);

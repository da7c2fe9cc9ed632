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
 * A child of its own so that neither stub can leak into the other sections. Prints one JSON line:
 * the mock's cost per command (µs) and, per route, p50/p99/mean/max in milliseconds.
 *
 * argv: <calls per route> <warm-up calls per route> <time cap per route, ms> <client|request-handler>
 */
process.env.TABLE_NAME = 'bench-warm';
process.env.AWS_REGION = 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID = 'bench';
process.env.AWS_SECRET_ACCESS_KEY = 'bench';
process.env.CORS_ORIGINS = 'https://registry.example.org';
delete process.env.DYNAMODB_ENDPOINT;

import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { resetTableClient, table } from '../../lambdas/store/client';
import { handlerOf, lambdaContext } from '../local/server';
import { allRequests } from './requests';
import { cannedAnswer, cannedIds, type ReadInput } from './canned-table';
import { cannedRequestHandler } from './canned-request-handler';

const [calls = 10_000, warmUp = 1000, capMs = 20_000] = process.argv.slice(2, 5).map(Number);
const stubbed = process.argv[5] === 'request-handler' ? 'request-handler' : 'client';

/** Per route: DynamoDB commands one call sends (the mocked run counts them), for the mock's share below. */
let commandsPerCall: (call: () => Promise<void>) => Promise<number | undefined> = async () => undefined;
let afterCall = () => {};
/** aws-sdk-client-mock's own cost per command, µs (sinon records every call and matches it against each behaviour). */
let calibrate: () => Promise<number | undefined> = async () => undefined;
if (stubbed === 'client') {
  const ddb = mockClient(DynamoDBDocumentClient);
  // One behaviour, told apart by the input's shape: sinon compares every command with every
  // registered behaviour, so four `on(Command)` cost about twice as much per command as one.
  ddb.callsFake((input: ReadInput & { TransactItems?: unknown; Item?: unknown; KeyConditionExpression?: string }) =>
    input.TransactItems || input.Item ? {} : cannedAnswer(input.KeyConditionExpression ? 'Query' : 'GetItem', input),
  );
  // The recorded history is of no use here and its growth costs garbage collection: it is
  // cleared after every call, outside the timed part.
  afterCall = () => ddb.resetHistory();
  // After the routes, when sinon's code is as warm as it was for them.
  calibrate = async () => {
    const client = table().client;
    const command = new GetCommand({ TableName: 'bench-warm', Key: { PK: `ROUND#${cannedIds.rounds}`, SK: 'ROUND' } });
    // In batches of as many commands as the busiest route sends (a refresh: 35), history cleared
    // between batches as between calls.
    const batches: number[] = [];
    for (let batch = 0; batch < 100; batch++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 35; i++) await client.send(command);
      batches.push(Number(process.hrtime.bigint() - started) / 1e3 / 35);
      afterCall();
    }
    return batches.sort((a, b) => a - b)[batches.length >> 1];
  };
  commandsPerCall = async (call) => {
    ddb.resetHistory();
    await call();
    const sent = ddb.calls().length;
    ddb.resetHistory();
    return sent;
  };
} else {
  // The client the store builds for this process (lambdas/store/client.ts caches it): the same
  // settings as on AWS, the handler it would send through swapped before its first request.
  resetTableClient();
  const { client } = table();
  client.config.requestHandler = cannedRequestHandler() as unknown as typeof client.config.requestHandler;
}

const results: { route: string; calls: number; commands?: number; p50: number; p99: number; mean: number; max: number }[] = [];
for (const request of allRequests(cannedIds)) {
  const key = `${request.route.method} ${request.route.path}`;
  const handler = await handlerOf(request.route.fn);
  const call = async () => {
    const result = await handler(request.event(), lambdaContext(request.route.fn, 'warm'));
    if (result.statusCode !== request.expectStatus) throw new Error(`${key} answered ${result.statusCode}, not ${request.expectStatus}: ${result.body}`);
  };
  for (let i = 0; i < warmUp; i++) {
    await call();
    afterCall();
  }
  const commands = await commandsPerCall(call);
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
const mockMicrosPerCommand = await calibrate();
process.stdout.write(`${JSON.stringify({ mockMicrosPerCommand, routes: results })}\n`);

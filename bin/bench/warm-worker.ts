/**
 * Child process of the warm-overhead section: every route of the route table, invoked in-process
 * through its Lambda handler (the same middleware chain, validation and store code) with DynamoDB
 * replaced, in one of two places (argv[4]):
 *
 *   client     the DynamoDB client's `send` answers canned items: the handler's own time, what the
 *              budget measures (the "SDK mocked"; the client stands where the SDK stood)
 *   transport  only the client's HTTP transport is canned (DynamoDB's wire JSON, prepared once per
 *              distinct request): the client's marshalling, signing and parsing are measured too
 *
 * Plain functions on the prototype, no sinon or aws-sdk-client-mock: their call recording and
 * argument matching cost about 0.1 ms per command on this machine, more than most handlers
 * (docs/benchmarks.md). Prints one JSON line: per route, p50/p99/mean/max in milliseconds.
 *
 * argv: <calls per route> <warm-up calls per route> <time cap per route, ms> <client|transport>
 */
process.env.TABLE_NAME = 'bench-warm';
process.env.AWS_REGION = 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID = 'bench';
process.env.AWS_SECRET_ACCESS_KEY = 'bench';
process.env.CORS_ORIGINS = 'https://registry.example.org';
delete process.env.DYNAMODB_ENDPOINT;

import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDbClient } from '../../lambdas/store/dynamodb/client';
import type { Transport } from '../../lambdas/store/dynamodb/transport';
import { handlerOf, lambdaContext } from '../local/server';
import { allRequests } from './requests';
import { itemsOf, personRecords, repatriationRecords, roundRecords } from './data';
import { auditKey, keyOf, personLayout, repatriationLayout, roundLayout, statsKey } from '../../lambdas/store/keys';
import { StatsTally } from '../../lambdas/domain/stats';

type Item = Record<string, unknown>;
const [calls = 10_000, warmUp = 1000, capMs = 20_000] = process.argv.slice(2, 5).map(Number);
const stubbed = process.argv[5] === 'transport' ? 'transport' : 'client';

// Canned table contents: 30 of each record, as the store lays them out.
const rounds = roundRecords(30).map((round) => ({ ...round, status: 'completed' }));
const repatriations = repatriationRecords(30);
const persons = personRecords(0, 30, rounds.map((round) => round.id));
const roundItems = rounds.map((r) => itemsOf(roundLayout, r)[0]!);
const repatriationItems = repatriations.map((r) => itemsOf(repatriationLayout, r)[0]!);
const personItems = persons.map((p) => itemsOf(personLayout, p)[0]!);
const tally = new StatsTally();
rounds.forEach((round) => tally.addRound(round));
repatriations.forEach((repatriation) => tally.addRepatriation(repatriation));
persons.forEach((person) => tally.addPerson(person));
const stats = tally.result(new Date().toISOString());
const round = rounds[0]!;
const auditItems = Array.from({ length: 30 }, (_, i) => ({
  ...auditKey('rounds', round.id, i + 1),
  entity: 'rounds',
  entityId: round.id,
  action: i === 0 ? 'create' : 'update',
  actor: 'bench-editor',
  at: round.updatedAt,
  before: i === 0 ? null : round,
  after: round,
}));
const byKey = new Map<string, Item>([...roundItems, ...repatriationItems, ...personItems].map((item) => [String(item.PK), item]));

/** A Query answer that honours Limit and pages as DynamoDB does. */
function page(items: Item[], input: { Limit?: number; IndexName?: string; ExclusiveStartKey?: Item }) {
  const limit = input.Limit ?? items.length;
  const slice = items.slice(0, limit);
  const attributes = ['PK', 'SK', ...(input.IndexName ? [`${input.IndexName}PK`, `${input.IndexName}SK`] : [])];
  return { Items: slice, LastEvaluatedKey: items.length > limit ? keyOf(slice[slice.length - 1]!, attributes) : undefined, Count: slice.length };
}

type NativeInput = { Key?: Item; ExpressionAttributeValues?: Item; Limit?: number; IndexName?: string };
type WireInput = { Key?: Record<string, never>; ExpressionAttributeValues?: Record<string, never>; Limit?: number; IndexName?: string };

function answer(operation: string, input: NativeInput): Record<string, unknown> {
  if (operation === 'GetItem') {
    const pk = input.Key!.PK as string;
    if (pk === statsKey.PK) return { Item: { ...statsKey, generatedAt: stats.generatedAt, stats: JSON.stringify(stats) } };
    const item = byKey.get(pk);
    return item ? { Item: item } : {};
  }
  if (operation === 'Query') {
    const partition = String(input.ExpressionAttributeValues![':pk'] ?? '');
    if (partition.startsWith('STATS#ROUNDS')) return page(roundItems.slice(0, 5), {});
    if (partition.startsWith('STATS#REPATRIATIONS')) return page(repatriationItems.slice(0, 5), {});
    if (partition.startsWith('STATS#PERSONS')) return page(personItems.slice(0, 5), {});
    if (partition.startsWith('AUDIT#')) return page(auditItems, input);
    if (partition.startsWith('ROUNDS')) return page(roundItems, input);
    if (partition.startsWith('REPATRIATIONS')) return page(repatriationItems, input);
    return page(personItems, input);
  }
  if (operation === 'TransactWriteItems' || operation === 'PutItem') return {};
  throw new Error(`The benchmark has no canned answer for ${operation}`);
}

/** Native answers in DynamoDB's wire form, as the real service sends them. */
function toWireAnswer(native: Record<string, unknown>): string {
  const wire: Record<string, unknown> = { ...native };
  if (native.Item) wire.Item = marshall(native.Item);
  if (native.Items) wire.Items = (native.Items as Item[]).map((item) => marshall(item));
  if (native.LastEvaluatedKey) wire.LastEvaluatedKey = marshall(native.LastEvaluatedKey);
  else delete wire.LastEvaluatedKey;
  return JSON.stringify(wire);
}

// Reads repeat the same request body call after call: their answer is marshalled once, so that the
// stub's own work stays out of the figures. Writes answer an empty object.
const wireAnswers = new Map<string, string>();
const cannedTransport: Transport = async (_url, headers, body) => {
  const operation = headers['x-amz-target']!.split('.')[1]!;
  if (operation === 'TransactWriteItems' || operation === 'PutItem') return { status: 200, headers: {}, body: '{}' };
  let wire = wireAnswers.get(body);
  if (wire === undefined) {
    const input = JSON.parse(body) as WireInput;
    const native: NativeInput = {
      ...input,
      Key: input.Key && unmarshall(input.Key),
      ExpressionAttributeValues: input.ExpressionAttributeValues && unmarshall(input.ExpressionAttributeValues),
    };
    wire = toWireAnswer(answer(operation, native));
    wireAnswers.set(body, wire);
  }
  return { status: 200, headers: {}, body: wire };
};

const realSend = DynamoDbClient.prototype.send;
DynamoDbClient.prototype.send =
  stubbed === 'client'
    ? (async function send(operation, input) {
        return answer(operation, input as NativeInput);
      } as typeof realSend)
    : (function send(this: DynamoDbClient, operation, input) {
        // Every client the store builds in this process answers through the canned transport.
        (this as unknown as { transport: Transport }).transport = cannedTransport;
        return realSend.call(this, operation, input);
      } as typeof realSend);

const ids = { rounds: round.id, repatriations: repatriations[0]!.id, persons: persons[0]!.id };
const results: { route: string; calls: number; p50: number; p99: number; mean: number; max: number }[] = [];
for (const request of allRequests(ids)) {
  const key = `${request.route.method} ${request.route.path}`;
  const handler = await handlerOf(request.route.fn);
  const call = async () => {
    const result = await handler(request.event(), lambdaContext(request.route.fn, 'warm'));
    if (result.statusCode !== request.expectStatus) throw new Error(`${key} answered ${result.statusCode}, not ${request.expectStatus}: ${result.body}`);
  };
  for (let i = 0; i < warmUp; i++) await call();
  const durations = new Float64Array(calls);
  const deadline = performance.now() + capMs;
  let done = 0;
  for (; done < calls && performance.now() < deadline; done++) {
    const event = request.event();
    const context = lambdaContext(request.route.fn, 'warm');
    const started = process.hrtime.bigint();
    const result = await handler(event, context);
    durations[done] = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.statusCode !== request.expectStatus) throw new Error(`${key} answered ${result.statusCode}: ${result.body}`);
  }
  const sorted = durations.subarray(0, done).sort();
  const at = (p: number) => sorted[Math.min(done - 1, Math.max(0, Math.ceil((p / 100) * done) - 1))]!;
  results.push({ route: key, calls: done, p50: at(50), p99: at(99), mean: sorted.reduce((a, b) => a + b, 0) / done, max: sorted[done - 1]! });
}
process.stdout.write(`${JSON.stringify(results)}\n`);

/**
 * Drift between the grants and the code: every route of every function runs against the mocked
 * document client, and each DynamoDB request it sends (each element of a transaction on its own,
 * as IAM authorizes it) must be allowed by that function's synthesized policy, its partition key
 * matched by the statement's `dynamodb:LeadingKeys` patterns. A new key prefix, index or action in
 * the store that the grant lacks fails here before it fails on AWS with AccessDenied.
 */
import { ddb, resetDdb } from '../support/ddb-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { routesOf, type FunctionName, type Route } from '../../lambdas/routes';
import { globalIndexes, PARTITION_KEY } from '../../lambdas/store/table-definition';
import { handler as agreementsRead } from '../../lambdas/functions/agreements-read';
import { handler as agreementsWrite } from '../../lambdas/functions/agreements-write';
import { handler as auditRead } from '../../lambdas/functions/audit-read';
import { handler as negotiationsRead } from '../../lambdas/functions/negotiations-read';
import { handler as negotiationsWrite } from '../../lambdas/functions/negotiations-write';
import { handler as openapiRead } from '../../lambdas/functions/openapi-read';
import { handler as personsRead } from '../../lambdas/functions/persons-read';
import { handler as personsWrite } from '../../lambdas/functions/persons-write';
import { handler as repatriationsRead } from '../../lambdas/functions/repatriations-read';
import { handler as repatriationsWrite } from '../../lambdas/functions/repatriations-write';
import { handler as roundsRead } from '../../lambdas/functions/rounds-read';
import { handler as roundsWrite } from '../../lambdas/functions/rounds-write';
import { handler as statsRead } from '../../lambdas/functions/stats-read';
import { handler as statsRefresh } from '../../lambdas/functions/stats-refresh';
import { agreement, completedRound, negotiationEvent, person, repatriation } from '../support/fixtures';
import { lambdaContext, OTHER_ID, restEvent, ROUND_ID, storedRoundItem, type EventOptions, type TestRole } from '../support/unit-events';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const { stack, resources } = synthesizeRegistry();
const tableId = logicalIdOf(stack.data.table);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Statement = { Effect: string; Action: string | string[]; Resource: any; Condition?: Record<string, Record<string, string[]>> };

function statementsOf(name: FunctionName): Statement[] {
  const roleId = logicalIdOf(stack.deployedFunctions.get(name)!.role);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: { Ref?: string }) => role.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
}

/** `table` or the index name, as the template names this table's ARN or one of its index ARNs. */
function resourceName(resource: unknown): string {
  const json = JSON.stringify(resource);
  if (json === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] })) return 'table';
  const index = /^\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["(\w+)","Arn"\]\},"\/index\/(\w+)"\]\]\}$/.exec(json);
  return index && index[1] === tableId ? index[2]! : json;
}

const like = (pattern: string) =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '.')).join('.*')}$`, 's');

/** One authorization DynamoDB makes: an action on the table or an index, for the partition keys the request names. */
interface Request {
  readonly action: string;
  readonly resource: string;
  readonly leadingKeys: readonly string[];
}

/** IAM's answer for an Allow-only policy: some statement names the action and resource, and ForAllValues holds. */
function allowed(statements: readonly Statement[], request: Request): boolean {
  return statements.some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    if (![statement.Action].flat().some((action) => like(action).test(`dynamodb:${request.action}`))) return false;
    if (![statement.Resource].flat().some((resource) => resourceName(resource) === request.resource)) return false;
    const conditions = Object.entries(statement.Condition ?? {});
    return conditions.every(([operator, keys]) => {
      if (operator !== 'ForAllValues:StringLike' || Object.keys(keys).join() !== 'dynamodb:LeadingKeys') {
        throw new Error(`this check does not evaluate ${operator} ${Object.keys(keys).join()}`);
      }
      const patterns = keys['dynamodb:LeadingKeys']!;
      return request.leadingKeys.every((key) => patterns.some((pattern) => like(pattern).test(key)));
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = any;
const partitionOf = (key: Input): string => String(key[PARTITION_KEY]);

function queryRequest(input: Input): Request {
  const [, nameRef, valueRef] = /^(#\w+) = (:\w+)/.exec(input.KeyConditionExpression) ?? [];
  const attribute = input.ExpressionAttributeNames?.[nameRef!];
  const expected = input.IndexName ? globalIndexes.find((index) => index.name === input.IndexName)?.partitionKey : PARTITION_KEY;
  if (!attribute || attribute !== expected) throw new Error(`a Query whose key condition starts on ${attribute}, not ${expected}`);
  return { action: 'Query', resource: input.IndexName ?? 'table', leadingKeys: [String(input.ExpressionAttributeValues[valueRef!])] };
}

/** What IAM authorizes for each command the document client was sent. */
function requestsSent(): Request[] {
  return ddb.calls().flatMap((call): Request[] => {
    const command = call.args[0] as { constructor: { name: string }; input: Input };
    const { input } = command;
    switch (command.constructor.name) {
      case 'GetCommand':
        return [{ action: 'GetItem', resource: 'table', leadingKeys: [partitionOf(input.Key)] }];
      case 'PutCommand':
        return [{ action: 'PutItem', resource: 'table', leadingKeys: [partitionOf(input.Item)] }];
      case 'QueryCommand':
        return [queryRequest(input)];
      case 'TransactWriteCommand':
        return (input.TransactItems as Input[]).map((item) => {
          if (item.Put) return { action: 'PutItem', resource: 'table', leadingKeys: [partitionOf(item.Put.Item)] };
          if (item.Update) return { action: 'UpdateItem', resource: 'table', leadingKeys: [partitionOf(item.Update.Key)] };
          if (item.Delete) return { action: 'DeleteItem', resource: 'table', leadingKeys: [partitionOf(item.Delete.Key)] };
          return { action: 'ConditionCheckItem', resource: 'table', leadingKeys: [partitionOf(item.ConditionCheck.Key)] };
        });
      default:
        // Anything else (a Scan, a batch) has no grant: reported as the action it would need.
        return [{ action: command.constructor.name.replace(/Command$/, ''), resource: 'table', leadingKeys: [] }];
    }
  });
}

const PERSON_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWP01';
const REPATRIATION_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWR01';
const AGREEMENT_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWA01';
const OTHER_AGREEMENT_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWA02';
const NEGOTIATION_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWN01';
const CREATED = '2025-06-01T08:00:00.000Z';
const server = { version: 2, createdAt: CREATED, updatedAt: CREATED };
const exchanged = person({ status: 'exchanged', roundId: ROUND_ID, categories: ['women', 'officers'] });

/**
 * The table as the handlers find it: the records their routes name exist; nothing else does. The
 * round, the repatriation and the negotiation event name the agreement (the round at stage 2), so
 * that changing or deleting them moves its copies, stage claim and reference counter.
 */
const linkedRound = storedRoundItem({ agreementId: AGREEMENT_ID, stage: 2 });
const storedAgreement = {
  PK: `AGREEMENT#${AGREEMENT_ID}`, SK: 'AGREEMENT', GSI1PK: 'AGREEMENTS', GSI1SK: `2025-07-23#${AGREEMENT_ID}`,
  ...agreement(), id: AGREEMENT_ID, ...server, _references: 3,
};
const storedItems: Record<string, Record<string, unknown>> = {
  [`ROUND#${ROUND_ID}`]: linkedRound,
  [`ROUND#${OTHER_ID}`]: storedRoundItem({ id: OTHER_ID }),
  [`PERSON#${PERSON_ID}`]: { PK: `PERSON#${PERSON_ID}`, SK: 'PERSON', ...exchanged, id: PERSON_ID, ...server },
  [`REPATRIATION#${REPATRIATION_ID}`]: {
    PK: `REPATRIATION#${REPATRIATION_ID}`, SK: 'REPATRIATION', ...repatriation({ agreementId: AGREEMENT_ID }), id: REPATRIATION_ID, ...server,
  },
  [`AGREEMENT#${AGREEMENT_ID}`]: storedAgreement,
  [`AGREEMENT#${OTHER_AGREEMENT_ID}`]: { ...storedAgreement, PK: `AGREEMENT#${OTHER_AGREEMENT_ID}`, id: OTHER_AGREEMENT_ID, _references: 0 },
  [`NEGOTIATION#${NEGOTIATION_ID}`]: {
    PK: `NEGOTIATION#${NEGOTIATION_ID}`, SK: 'NEGOTIATION', ...negotiationEvent({ agreementId: AGREEMENT_ID }), id: NEGOTIATION_ID, ...server,
  },
};

/** What the agreement's partition holds besides the agreement: the copies that progress reads. */
const agreementPartition = [
  { ...linkedRound, PK: `AGREEMENT#${AGREEMENT_ID}#LINKS`, SK: `ROUND#${linkedRound.date}#${ROUND_ID}` },
  { ...storedItems[`REPATRIATION#${REPATRIATION_ID}`], PK: `AGREEMENT#${AGREEMENT_ID}#LINKS`, SK: `REPATRIATION#2025-06-11#${REPATRIATION_ID}` },
];

type Invoke = (event: unknown, context: Context) => Promise<unknown>;
const handlers: Record<FunctionName, Invoke> = {
  'agreements-read': agreementsRead as Invoke,
  'agreements-write': agreementsWrite as Invoke,
  'negotiations-read': negotiationsRead as Invoke,
  'negotiations-write': negotiationsWrite as Invoke,
  'rounds-read': roundsRead as Invoke,
  'rounds-write': roundsWrite as Invoke,
  'repatriations-read': repatriationsRead as Invoke,
  'repatriations-write': repatriationsWrite as Invoke,
  'persons-read': personsRead as Invoke,
  'persons-write': personsWrite as Invoke,
  'stats-read': statsRead as Invoke,
  'stats-refresh': statsRefresh as Invoke,
  'audit-read': auditRead as Invoke,
  'openapi-read': openapiRead as Invoke,
};

interface Scenario {
  readonly name: string;
  readonly fn: FunctionName;
  /** `METHOD /path` of the route table, or `schedule` for the scheduled event. */
  readonly route: string;
  readonly event?: Omit<EventOptions, 'method' | 'resource' | 'role'>;
  /** Runs before the call, after the default table is in place. */
  readonly arrange?: () => void;
  /**
   * Requests (`<action> <table|index> <partition key>`) that the scenario must send, so that a
   * scenario cannot pass by not reaching the keys it is about.
   */
  readonly reaches?: readonly string[];
}

const idempotent = { headers: { 'Idempotency-Key': 'key-1' } };
const onRound = { pathParameters: { id: ROUND_ID } };
const onPerson = { pathParameters: { id: PERSON_ID } };
const onRepatriation = { pathParameters: { id: REPATRIATION_ID } };
const onAgreement = { pathParameters: { id: AGREEMENT_ID } };
const onUnnamedAgreement = { pathParameters: { id: OTHER_AGREEMENT_ID } };
const onNegotiation = { pathParameters: { id: NEGOTIATION_ID } };
const ofAgreement = { agreementId: AGREEMENT_ID };
/** List partitions of agreements answer the stored agreement, so that each gets its progress Query. */
const agreementsListed = () => {
  ddb.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [storedAgreement] });
  ddb.on(QueryCommand, { IndexName: 'GSI2' }).resolves({ Items: [storedAgreement] });
};
// storedRoundItem() is at version 3.
const ifMatch = { headers: { 'If-Match': '"3"' } };

/** Each filter alone picks its own index partition; all together, the round's. */
const personFilters: Record<string, string>[] = [
  {}, { status: 'held' }, { side: 'russia' }, { kind: 'civilian' }, { category: 'women' }, { roundId: ROUND_ID },
  { status: 'exchanged', side: 'ukraine', kind: 'military', category: 'officers', roundId: ROUND_ID },
];

const scenarios: Scenario[] = [
  { name: 'all rounds', fn: 'rounds-read', route: 'GET /rounds' },
  { name: 'rounds of a year', fn: 'rounds-read', route: 'GET /rounds', event: { query: { year: '2025' } } },
  { name: 'rounds by status and range', fn: 'rounds-read', route: 'GET /rounds', event: { query: { status: 'completed', from: '2025-01-01', to: '2025-12-31' } } },
  { name: 'one round', fn: 'rounds-read', route: 'GET /rounds/{id}', event: onRound },
  { name: 'rounds of an agreement', fn: 'rounds-read', route: 'GET /rounds', event: { query: ofAgreement }, reaches: [`Query table AGREEMENT#${AGREEMENT_ID}#LINKS`] },
  {
    name: 'rounds of an agreement by status and range',
    fn: 'rounds-read',
    route: 'GET /rounds',
    event: { query: { ...ofAgreement, status: 'completed', from: '2025-01-01', to: '2025-12-31' } },
    reaches: [`Query table AGREEMENT#${AGREEMENT_ID}#LINKS`],
  },
  { name: 'create a round', fn: 'rounds-write', route: 'POST /rounds', event: { body: completedRound() } },
  { name: 'create a round once', fn: 'rounds-write', route: 'POST /rounds', event: { body: completedRound(), ...idempotent } },
  {
    name: 'create a round of an agreement at a stage, once',
    fn: 'rounds-write',
    route: 'POST /rounds',
    event: { body: completedRound({ ...ofAgreement, stage: 3 }), ...idempotent },
    // The copy and the stage claim (Puts), the reference counter (Update).
    reaches: [`PutItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${AGREEMENT_ID}`],
  },
  { name: 'change a round', fn: 'rounds-write', route: 'PATCH /rounds/{id}', event: { ...onRound, ...ifMatch, body: { notes: 'checked' } } },
  {
    name: 'move a round to another agreement and stage',
    fn: 'rounds-write',
    route: 'PATCH /rounds/{id}',
    event: { ...onRound, ...ifMatch, body: { agreementId: OTHER_AGREEMENT_ID, stage: 1, date: '2025-06-10' } },
    reaches: [
      `DeleteItem table AGREEMENT#${AGREEMENT_ID}#LINKS`,
      `UpdateItem table AGREEMENT#${AGREEMENT_ID}`,
      `PutItem table AGREEMENT#${OTHER_AGREEMENT_ID}#LINKS`,
      `UpdateItem table AGREEMENT#${OTHER_AGREEMENT_ID}`,
    ],
  },
  {
    name: 'take a round out of its agreement',
    fn: 'rounds-write',
    route: 'PATCH /rounds/{id}',
    event: { ...onRound, body: { agreementId: null } },
    reaches: [`DeleteItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${AGREEMENT_ID}`],
  },
  {
    name: 'delete a round of an agreement',
    fn: 'rounds-write',
    route: 'DELETE /rounds/{id}',
    event: { ...onRound, ...ifMatch },
    reaches: [`DeleteItem table ROUND#${ROUND_ID}`, `DeleteItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${AGREEMENT_ID}`],
  },
  { name: 'all repatriations', fn: 'repatriations-read', route: 'GET /repatriations' },
  { name: 'repatriations of a year', fn: 'repatriations-read', route: 'GET /repatriations', event: { query: { year: '2025' } } },
  {
    name: 'repatriations of an agreement in a year',
    fn: 'repatriations-read',
    route: 'GET /repatriations',
    event: { query: { ...ofAgreement, year: '2025' } },
    reaches: [`Query table AGREEMENT#${AGREEMENT_ID}#LINKS`],
  },
  { name: 'one repatriation', fn: 'repatriations-read', route: 'GET /repatriations/{id}', event: onRepatriation },
  { name: 'create a repatriation once', fn: 'repatriations-write', route: 'POST /repatriations', event: { body: repatriation(), ...idempotent } },
  {
    name: 'create a repatriation of an agreement',
    fn: 'repatriations-write',
    route: 'POST /repatriations',
    event: { body: repatriation(ofAgreement) },
    reaches: [`PutItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${AGREEMENT_ID}`],
  },
  { name: 'change a repatriation', fn: 'repatriations-write', route: 'PATCH /repatriations/{id}', event: { ...onRepatriation, body: { notes: 'checked' } } },
  {
    name: 'move a repatriation to another agreement',
    fn: 'repatriations-write',
    route: 'PATCH /repatriations/{id}',
    event: { ...onRepatriation, body: { agreementId: OTHER_AGREEMENT_ID } },
    reaches: [`DeleteItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `PutItem table AGREEMENT#${OTHER_AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${OTHER_AGREEMENT_ID}`],
  },
  {
    name: 'delete a repatriation of an agreement',
    fn: 'repatriations-write',
    route: 'DELETE /repatriations/{id}',
    event: onRepatriation,
    reaches: [`DeleteItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${AGREEMENT_ID}`],
  },
  {
    name: 'all agreements',
    fn: 'agreements-read',
    route: 'GET /agreements',
    arrange: agreementsListed,
    // Each agreement of the page gets its progress.
    reaches: ['Query GSI1 AGREEMENTS', `Query table AGREEMENT#${AGREEMENT_ID}#LINKS`],
  },
  { name: 'agreements of a year', fn: 'agreements-read', route: 'GET /agreements', event: { query: { year: '2025' } }, arrange: agreementsListed },
  {
    name: 'agreements by status',
    fn: 'agreements-read',
    route: 'GET /agreements',
    event: { query: { status: 'in_progress' } },
    arrange: agreementsListed,
    reaches: ['Query GSI2 AGREEMENTS#STATUS#in_progress', `Query table AGREEMENT#${AGREEMENT_ID}#LINKS`],
  },
  {
    name: 'one agreement with its progress',
    fn: 'agreements-read',
    route: 'GET /agreements/{id}',
    event: onAgreement,
    reaches: [`GetItem table AGREEMENT#${AGREEMENT_ID}`, `Query table AGREEMENT#${AGREEMENT_ID}#LINKS`],
  },
  { name: 'create an agreement', fn: 'agreements-write', route: 'POST /agreements', event: { body: agreement() } },
  { name: 'create an agreement once', fn: 'agreements-write', route: 'POST /agreements', event: { body: agreement(), ...idempotent } },
  {
    name: 'change an agreement',
    fn: 'agreements-write',
    route: 'PATCH /agreements/{id}',
    event: { ...onAgreement, body: { status: 'stalled' } },
    // The answer carries the progress.
    reaches: [`UpdateItem table AGREEMENT#${AGREEMENT_ID}`, `Query table AGREEMENT#${AGREEMENT_ID}#LINKS`],
  },
  {
    name: 'delete an agreement that nothing names',
    fn: 'agreements-write',
    route: 'DELETE /agreements/{id}',
    event: onUnnamedAgreement,
    reaches: [`DeleteItem table AGREEMENT#${OTHER_AGREEMENT_ID}`],
  },
  { name: 'all negotiation events', fn: 'negotiations-read', route: 'GET /negotiations' },
  { name: 'negotiation events of a kind and year', fn: 'negotiations-read', route: 'GET /negotiations', event: { query: { kind: 'talks', year: '2025' } } },
  {
    name: 'negotiation events of an agreement',
    fn: 'negotiations-read',
    route: 'GET /negotiations',
    event: { query: ofAgreement },
    reaches: [`Query table AGREEMENT#${AGREEMENT_ID}#LINKS`],
  },
  {
    name: 'negotiation events of an agreement by kind and range',
    fn: 'negotiations-read',
    route: 'GET /negotiations',
    event: { query: { ...ofAgreement, kind: 'statement', from: '2025-01-01', to: '2025-12-31' } },
  },
  { name: 'one negotiation event', fn: 'negotiations-read', route: 'GET /negotiations/{id}', event: onNegotiation },
  {
    name: 'create a negotiation event of an agreement once',
    fn: 'negotiations-write',
    route: 'POST /negotiations',
    event: { body: negotiationEvent(ofAgreement), ...idempotent },
    reaches: [`PutItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${AGREEMENT_ID}`],
  },
  {
    name: 'move a negotiation event to another agreement',
    fn: 'negotiations-write',
    route: 'PATCH /negotiations/{id}',
    event: { ...onNegotiation, body: { agreementId: OTHER_AGREEMENT_ID, date: '2025-08-07' } },
    reaches: [`DeleteItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `PutItem table AGREEMENT#${OTHER_AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${OTHER_AGREEMENT_ID}`],
  },
  {
    name: 'delete a negotiation event of an agreement',
    fn: 'negotiations-write',
    route: 'DELETE /negotiations/{id}',
    event: onNegotiation,
    reaches: [`DeleteItem table AGREEMENT#${AGREEMENT_ID}#LINKS`, `UpdateItem table AGREEMENT#${AGREEMENT_ID}`],
  },
  ...personFilters.map(
    (query): Scenario => ({ name: `persons ${JSON.stringify(query)}`, fn: 'persons-read', route: 'GET /persons', event: { query } }),
  ),
  { name: 'one person', fn: 'persons-read', route: 'GET /persons/{id}', event: onPerson },
  { name: 'persons of a round', fn: 'persons-read', route: 'GET /rounds/{id}/persons', event: onRound },
  { name: 'create an exchanged person once', fn: 'persons-write', route: 'POST /persons', event: { body: exchanged, ...idempotent } },
  {
    name: 'move a person to another round and drop a category',
    fn: 'persons-write',
    route: 'PATCH /persons/{id}',
    event: { ...onPerson, body: { roundId: OTHER_ID, categories: ['women'] } },
  },
  { name: 'delete an exchanged person', fn: 'persons-write', route: 'DELETE /persons/{id}', event: onPerson },
  { name: 'the statistics', fn: 'stats-read', route: 'GET /stats' },
  { name: 'refresh on demand', fn: 'stats-refresh', route: 'POST /stats/refresh', reaches: ['Query GSI1 AGREEMENTS', 'Query GSI1 NEGOTIATIONS'] },
  {
    name: 'scheduled refresh that a later one overtook',
    fn: 'stats-refresh',
    route: 'schedule',
    arrange: () => {
      ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'a later refresh stored first', $metadata: {} }));
    },
    reaches: ['Query GSI6 STATS#ROUNDS', 'Query GSI1 AGREEMENTS', 'Query GSI1 NEGOTIATIONS', 'GetItem table STATS'],
  },
  ...(['rounds', 'repatriations', 'persons', 'agreements', 'negotiations'] as const).map(
    (entity): Scenario => ({ name: `audit of ${entity}`, fn: 'audit-read', route: 'GET /audit', event: { query: { entity, id: PERSON_ID } } }),
  ),
  { name: 'the OpenAPI document', fn: 'openapi-read', route: 'GET /openapi.json' },
];

const roleFor = (route: Route): TestRole => (route.role === 'public' ? 'anonymous' : route.role);

function eventOf(scenario: Scenario): unknown {
  if (scenario.route === 'schedule') return { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} };
  const route = routesOf(scenario.fn).find((candidate) => `${candidate.method} ${candidate.path}` === scenario.route);
  if (!route) throw new Error(`${scenario.fn} has no route ${scenario.route}`);
  return restEvent({ method: route.method, resource: route.path, role: roleFor(route), ...scenario.event });
}

const seen = new Map<FunctionName, Set<string>>();

beforeEach(() => {
  resetDdb();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  ddb.on(GetCommand).callsFake((input: Input) => ({ Item: storedItems[partitionOf(input.Key)] }));
  // Index partitions are empty unless a scenario fills them; an agreement's partition holds its copies.
  ddb.on(QueryCommand).callsFake((input: Input) =>
    input.IndexName === undefined && input.ExpressionAttributeValues?.[':pk'] === `AGREEMENT#${AGREEMENT_ID}#LINKS` ? { Items: agreementPartition } : { Items: [] },
  );
  ddb.on(PutCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
});

describe.each(scenarios)('$fn: $name', (scenario) => {
  it('sends only requests that its role is allowed, partition keys included', async () => {
    scenario.arrange?.();
    const result = (await handlers[scenario.fn](eventOf(scenario), lambdaContext())) as { statusCode?: number };
    // A refused request would test nothing: the route must have done its work.
    if (scenario.route !== 'schedule') expect(result.statusCode, JSON.stringify(result)).toBeLessThan(300);
    const requests = requestsSent();
    if (scenario.fn !== 'openapi-read') expect(requests.length).toBeGreaterThan(0);
    const statements = statementsOf(scenario.fn);
    expect(requests.filter((request) => !allowed(statements, request))).toEqual([]);
    const sent = requests.flatMap((request) => request.leadingKeys.map((key) => `${request.action} ${request.resource} ${key}`));
    for (const request of scenario.reaches ?? []) expect(sent, request).toContain(request);
    const routes = seen.get(scenario.fn) ?? new Set<string>();
    seen.set(scenario.fn, routes.add(scenario.route));
  });
});

describe('the drift check itself', () => {
  it('refuses what a function does not serve: rounds-read may not read a person nor list persons', () => {
    const statements = statementsOf('rounds-read');
    expect(allowed(statements, { action: 'GetItem', resource: 'table', leadingKeys: [`ROUND#${ROUND_ID}`] })).toBe(true);
    expect(allowed(statements, { action: 'GetItem', resource: 'table', leadingKeys: [`PERSON#${PERSON_ID}`] })).toBe(false);
    expect(allowed(statements, { action: 'Query', resource: 'GSI1', leadingKeys: ['ROUNDS'] })).toBe(true);
    expect(allowed(statements, { action: 'Query', resource: 'GSI1', leadingKeys: ['PERSONS'] })).toBe(false);
    expect(allowed(statements, { action: 'Query', resource: 'GSI5', leadingKeys: [`ROUND#${ROUND_ID}#PERSONS`] })).toBe(false);
    expect(allowed(statements, { action: 'Scan', resource: 'table', leadingKeys: [] })).toBe(false);
  });

  it('lets the linked writers count references on an agreement but never put or delete the agreement itself', () => {
    for (const writer of ['rounds-write', 'repatriations-write', 'negotiations-write'] as const) {
      const statements = statementsOf(writer);
      expect(allowed(statements, { action: 'UpdateItem', resource: 'table', leadingKeys: [`AGREEMENT#${AGREEMENT_ID}`] }), writer).toBe(true);
      for (const action of ['PutItem', 'DeleteItem']) {
        expect(allowed(statements, { action, resource: 'table', leadingKeys: [`AGREEMENT#${AGREEMENT_ID}`] }), `${writer} ${action}`).toBe(false);
        expect(allowed(statements, { action, resource: 'table', leadingKeys: [`AGREEMENT#${AGREEMENT_ID}#LINKS`] }), `${writer} ${action} links`).toBe(true);
      }
    }
  });

  it('lets the public readers query an agreement partition but never write one, and keeps persons-write out of it', () => {
    const agreementKey = `AGREEMENT#${AGREEMENT_ID}#LINKS`;
    for (const reader of ['rounds-read', 'repatriations-read', 'negotiations-read', 'agreements-read'] as const) {
      const statements = statementsOf(reader);
      expect(allowed(statements, { action: 'Query', resource: 'table', leadingKeys: [agreementKey] }), reader).toBe(true);
      for (const action of ['PutItem', 'UpdateItem', 'DeleteItem']) {
        expect(allowed(statements, { action, resource: 'table', leadingKeys: [agreementKey] }), `${reader} ${action}`).toBe(false);
      }
    }
    const personsWrite = statementsOf('persons-write');
    for (const action of ['PutItem', 'UpdateItem', 'DeleteItem']) {
      expect(allowed(personsWrite, { action, resource: 'table', leadingKeys: [agreementKey] }), action).toBe(false);
    }
    // A read of persons never reaches into an agreement partition, nor the agreement readers into persons.
    expect(allowed(statementsOf('persons-read'), { action: 'Query', resource: 'table', leadingKeys: [agreementKey] })).toBe(false);
    expect(allowed(statementsOf('agreements-read'), { action: 'GetItem', resource: 'table', leadingKeys: [`PERSON#${PERSON_ID}`] })).toBe(false);
  });
});

afterAll(() => {
  // Every route of every function ran at least once above (scheduled ones on the schedule too).
  for (const fn of Object.keys(handlers) as FunctionName[]) {
    const expected = routesOf(fn).map((route) => `${route.method} ${route.path}`);
    expect([...(seen.get(fn) ?? [])].filter((route) => route !== 'schedule').sort(), fn).toEqual(expected.sort());
  }
});

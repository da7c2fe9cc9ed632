/**
 * Drift between the grants and the code: every route of every function runs against the mocked
 * document client, and each DynamoDB request it sends (each element of a transaction on its own,
 * as IAM authorizes it) must be allowed by that function's synthesized policy, its partition key
 * matched by the statement's `dynamodb:LeadingKeys` patterns. A new key prefix, index or action in
 * the store that the grant lacks fails here before it fails on AWS with AccessDenied.
 */
import { ddb, resetDdb } from '../support/ddb-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { routesOf, type FunctionName, type Route } from '../../lambdas/routes';
import { globalIndexes, PARTITION_KEY, SORT_KEY } from '../../lambdas/store/table-definition';
import { handler as agreementsRead } from '../../lambdas/functions/agreements-read';
import { handler as agreementsWrite } from '../../lambdas/functions/agreements-write';
import { handler as auditRead } from '../../lambdas/functions/audit-read';
import { handler as exportsRead } from '../../lambdas/functions/exports-read';
import { handler as negotiationsRead } from '../../lambdas/functions/negotiations-read';
import { handler as negotiationsWrite } from '../../lambdas/functions/negotiations-write';
import { handler as openapiRead } from '../../lambdas/functions/openapi-read';
import { handler as personsRead } from '../../lambdas/functions/persons-read';
import { handler as personsWrite } from '../../lambdas/functions/persons-write';
import { handler as reconciliationsRead } from '../../lambdas/functions/reconciliations-read';
import { handler as reconciliationsWrite } from '../../lambdas/functions/reconciliations-write';
import { handler as repatriationsRead } from '../../lambdas/functions/repatriations-read';
import { handler as repatriationsWrite } from '../../lambdas/functions/repatriations-write';
import { handler as roundsRead } from '../../lambdas/functions/rounds-read';
import { handler as roundsWrite } from '../../lambdas/functions/rounds-write';
import { handler as statsRead } from '../../lambdas/functions/stats-read';
import { handler as statsRefresh } from '../../lambdas/functions/stats-refresh';
import { statsIndexAttributes } from '../../lambdas/store/keys';
import { agreement, completedRound, negotiationEvent, person, reconciliationList, repatriation } from '../support/fixtures';
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
      case 'BatchWriteCommand':
        // One authorization per request, for the partition keys of all its items (ForAllValues):
        // each PutRequest's item and each DeleteRequest's key, on the one table it names.
        return Object.values(input.RequestItems as Record<string, Input[]>).map((requests) => ({
          action: 'BatchWriteItem',
          resource: 'table',
          leadingKeys: requests.map((request) => {
            if (request.PutRequest) return partitionOf(request.PutRequest.Item);
            if (request.DeleteRequest) return partitionOf(request.DeleteRequest.Key);
            throw new Error(`a batch request that is neither a put nor a delete: ${JSON.stringify(request)}`);
          }),
        }));
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
 * A stored reconciliation: the report item (created with an Idempotency-Key, so its DELETE takes
 * the stored answer too), its entries (each also under its outcome in GSI1) and the held person it
 * omits; and the persons of its side as the names index answers them (index and table keys, the
 * projected fields), each in the segment its id hashes to.
 */
const RECONCILIATION_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWC01';
const OMITTED_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWP02';
const storedReport = {
  PK: `RECONCILIATION#${RECONCILIATION_ID}`, SK: 'RECONCILIATION', GSI1PK: 'RECONCILIATIONS', GSI1SK: `${CREATED}#${RECONCILIATION_ID}`,
  title: 'List handed over on 2025-06-07', receivedFrom: 'russia', receivedOn: '2025-06-07', listOf: 'ukraine',
  summary: { entries: 3, matched: 1, possible: 1, unknown: 1, omitted: 1, missingFound: 0 },
  id: RECONCILIATION_ID, version: 1, createdAt: CREATED, updatedAt: CREATED,
  _storedAnswer: 'IDEMPOTENCY#POST /reconciliations#user-editor#key-1',
};
const entry = (index: number, outcome: string, fields: Record<string, unknown>) => ({
  PK: `RECONCILIATION#${RECONCILIATION_ID}#ENTRIES`, SK: `ENTRY#${String(index).padStart(5, '0')}`,
  GSI1PK: `RECONCILIATION#${RECONCILIATION_ID}#${outcome.toUpperCase()}`, GSI1SK: `ENTRY#${String(index).padStart(5, '0')}`,
  index, ref: String(index + 1), outcome, match: null, candidates: [], ...fields,
});
const storedEntries = [
  entry(0, 'matched', { fullName: 'Aleksandr Maryanenko', dateOfBirth: '1994-03-17', match: { personId: PERSON_ID, score: 1, agreed: ['name', 'dateOfBirth'] } }),
  entry(1, 'possible', { fullName: 'Petrenko Ivan', dateOfBirth: '1971-02-02', candidates: [{ personId: OMITTED_ID, fullName: 'Іван Петренко', score: 0.65, agreed: ['name'] }] }),
  entry(2, 'unknown', { fullName: 'John Smith' }),
];
/** The omitted persons in chunks of up to 500, in person id order: here one chunk with one person. */
const storedOmitted = [
  { PK: `RECONCILIATION#${RECONCILIATION_ID}#OMITTED`, SK: 'CHUNK#00000', persons: [{ personId: OMITTED_ID, fullName: 'Іван Петренко', status: 'held' }] },
];
const namesIndexItem = (id: string, fields: Record<string, unknown>): Record<string, unknown> => ({
  PK: `PERSON#${id}`, SK: 'PERSON', ...statsIndexAttributes('persons', id), side: 'ukraine', kind: 'military', ...fields,
});
const namedPersons = [
  namesIndexItem(PERSON_ID, { fullName: "Олександр Мар'яненко", dateOfBirth: '1994-03-17', serviceNumber: 'UA-123456', status: 'held' }),
  namesIndexItem(OMITTED_ID, { fullName: 'Іван Петренко', dateOfBirth: '1985-07-07', status: 'held' }),
];

/** Items put by BatchWriteItem in the current scenario, by `PK SK`. */
const batchWritten = new Map<string, Record<string, unknown>>();
const itemId = (key: Input) => `${key[PARTITION_KEY]} ${key[SORT_KEY]}`;

/** What a Query finds: the partitions above, each as DynamoDB would answer it; any other is empty. */
function queried(input: Input): { Items: Record<string, unknown>[] } {
  const partition = input.ExpressionAttributeValues?.[':pk'];
  const partitionName = input.ExpressionAttributeNames?.['#pk'];
  if (input.IndexName === undefined && partition === `AGREEMENT#${AGREEMENT_ID}#LINKS`) return { Items: agreementPartition };
  if (input.IndexName === 'GSI7') return { Items: namedPersons.filter((item) => item.GSI6PK === partition) };
  if (input.IndexName === undefined && partition === storedEntries[0]!.PK) return { Items: storedEntries };
  if (input.IndexName === undefined && partition === storedOmitted[0]!.PK) return { Items: storedOmitted };
  if (input.IndexName === 'GSI1' && partition === 'RECONCILIATIONS') return { Items: [storedReport] };
  if (input.IndexName === 'GSI1' && partitionName === 'GSI1PK') return { Items: storedEntries.filter((item) => item.GSI1PK === partition) };
  // What the handler itself wrote in batches (a new report's entries), until it deletes them.
  if (input.IndexName === undefined) return { Items: [...batchWritten.values()].filter((item) => item[PARTITION_KEY] === partition) };
  return { Items: [] };
}

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
  [`RECONCILIATION#${RECONCILIATION_ID}`]: storedReport,
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
  'reconciliations-read': reconciliationsRead as Invoke,
  'reconciliations-write': reconciliationsWrite as Invoke,
  'stats-read': statsRead as Invoke,
  'stats-refresh': statsRefresh as Invoke,
  'audit-read': auditRead as Invoke,
  'exports-read': exportsRead as Invoke,
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
   * scenario cannot pass by not reaching the keys it is about. A `*` stands for an id the handler
   * makes (a new reconciliation's).
   */
  readonly reaches?: readonly string[];
}

const idempotent = { headers: { 'Idempotency-Key': 'key-1' } };
const onReconciliation = { pathParameters: { id: RECONCILIATION_ID } };
const personSegments = ['STATS#PERSONS', ...Array.from({ length: 31 }, (_, i) => `STATS#PERSONS#${String(i + 1).padStart(2, '0')}`)];
const REPLAY_KEY = 'IDEMPOTENCY#POST /reconciliations#user-editor#key-1';
/** A new report: every person segment of the names index read, the entries and omitted persons batched, then the report and its audit. */
const reconciliationWrites = [
  ...personSegments.map((segment) => `Query GSI7 ${segment}`),
  'BatchWriteItem table RECONCILIATION#*#ENTRIES',
  'BatchWriteItem table RECONCILIATION#*#OMITTED',
  'PutItem table RECONCILIATION#*',
  'PutItem table AUDIT#reconciliations#*',
];
/**
 * A concurrent POST with the same key stored its answer first: this one's transaction is cancelled
 * on the idempotency item (its third), its batches are deleted again, and the winner's answer
 * (the same body, so the same hash) is replayed.
 */
const lostIdempotencyRace = () => {
  let winner: Record<string, unknown> | undefined;
  ddb.on(TransactWriteCommand).callsFake((input: Input) => {
    winner = (input.TransactItems as Input[]).find((item) => item.Put?.Item?.[PARTITION_KEY] === REPLAY_KEY)?.Put.Item;
    throw new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
  });
  ddb.on(GetCommand).callsFake((input: Input) => ({ Item: partitionOf(input.Key) === REPLAY_KEY ? winner : storedItems[partitionOf(input.Key)] }));
};
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
  { name: 'all reconciliations', fn: 'reconciliations-read', route: 'GET /reconciliations', reaches: ['Query GSI1 RECONCILIATIONS'] },
  {
    name: 'one reconciliation',
    fn: 'reconciliations-read',
    route: 'GET /reconciliations/{id}',
    event: onReconciliation,
    reaches: [`GetItem table RECONCILIATION#${RECONCILIATION_ID}`],
  },
  {
    name: 'the entries of a reconciliation',
    fn: 'reconciliations-read',
    route: 'GET /reconciliations/{id}/entries',
    event: onReconciliation,
    reaches: [`GetItem table RECONCILIATION#${RECONCILIATION_ID}`, `Query table RECONCILIATION#${RECONCILIATION_ID}#ENTRIES`],
  },
  ...(['matched', 'possible', 'unknown'] as const).map(
    (outcome): Scenario => ({
      name: `the ${outcome} entries of a reconciliation`,
      fn: 'reconciliations-read',
      route: 'GET /reconciliations/{id}/entries',
      event: { ...onReconciliation, query: { outcome } },
      reaches: [`GetItem table RECONCILIATION#${RECONCILIATION_ID}`, `Query GSI1 RECONCILIATION#${RECONCILIATION_ID}#${outcome.toUpperCase()}`],
    }),
  ),
  {
    name: 'the persons a reconciliation omits',
    fn: 'reconciliations-read',
    route: 'GET /reconciliations/{id}/omitted',
    event: onReconciliation,
    reaches: [`GetItem table RECONCILIATION#${RECONCILIATION_ID}`, `Query table RECONCILIATION#${RECONCILIATION_ID}#OMITTED`],
  },
  { name: 'run a reconciliation', fn: 'reconciliations-write', route: 'POST /reconciliations', event: { body: reconciliationList() }, reaches: reconciliationWrites },
  {
    name: 'run a reconciliation once',
    fn: 'reconciliations-write',
    route: 'POST /reconciliations',
    event: { body: reconciliationList(), ...idempotent },
    reaches: [`GetItem table ${REPLAY_KEY}`, ...reconciliationWrites, `PutItem table ${REPLAY_KEY}`],
  },
  {
    name: 'run a reconciliation whose Idempotency-Key a concurrent one took: its batches removed, the answer replayed',
    fn: 'reconciliations-write',
    route: 'POST /reconciliations',
    event: { body: reconciliationList(), ...idempotent },
    arrange: lostIdempotencyRace,
    reaches: [...reconciliationWrites, 'Query table RECONCILIATION#*#ENTRIES', 'Query table RECONCILIATION#*#OMITTED', `GetItem table ${REPLAY_KEY}`],
  },
  {
    name: 'delete a reconciliation created with an Idempotency-Key',
    fn: 'reconciliations-write',
    route: 'DELETE /reconciliations/{id}',
    event: { ...onReconciliation, headers: { 'If-Match': '"1"' } },
    reaches: [
      `DeleteItem table RECONCILIATION#${RECONCILIATION_ID}`,
      `DeleteItem table ${REPLAY_KEY}`,
      `PutItem table AUDIT#reconciliations#${RECONCILIATION_ID}`,
      `Query table RECONCILIATION#${RECONCILIATION_ID}#ENTRIES`,
      `Query table RECONCILIATION#${RECONCILIATION_ID}#OMITTED`,
      `BatchWriteItem table RECONCILIATION#${RECONCILIATION_ID}#ENTRIES`,
      `BatchWriteItem table RECONCILIATION#${RECONCILIATION_ID}#OMITTED`,
    ],
  },
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
  ...(['rounds', 'repatriations', 'persons', 'agreements', 'negotiations', 'reconciliations'] as const).map(
    (entity): Scenario => ({ name: `audit of ${entity}`, fn: 'audit-read', route: 'GET /audit', event: { query: { entity, id: PERSON_ID } } }),
  ),
  { name: 'the OpenAPI document', fn: 'openapi-read', route: 'GET /openapi.json' },
  ...(['rounds', 'repatriations', 'negotiations'] as const).map(
    (name): Scenario => ({ name: `the ${name} export`, fn: 'exports-read', route: `GET /exports/${name}.csv`, reaches: [`Query GSI1 ${name.toUpperCase()}`] }),
  ),
  {
    name: 'the agreements export, each agreement with its progress',
    fn: 'exports-read',
    route: 'GET /exports/agreements.csv',
    arrange: agreementsListed,
    reaches: ['Query GSI1 AGREEMENTS', `Query table AGREEMENT#${AGREEMENT_ID}#LINKS`],
  },
  { name: 'the statistics export', fn: 'exports-read', route: 'GET /exports/stats.csv', reaches: ['GetItem table STATS'] },
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
  // Index partitions are empty unless listed in queried() or filled by a scenario.
  ddb.on(QueryCommand).callsFake(queried);
  ddb.on(PutCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  batchWritten.clear();
  ddb.on(BatchWriteCommand).callsFake((input: Input) => {
    for (const requests of Object.values(input.RequestItems as Record<string, Input[]>)) {
      for (const request of requests) {
        if (request.PutRequest) batchWritten.set(itemId(request.PutRequest.Item), request.PutRequest.Item);
        else batchWritten.delete(itemId(request.DeleteRequest.Key));
      }
    }
    return { UnprocessedItems: {} };
  });
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
    for (const request of scenario.reaches ?? []) {
      if (request.includes('*')) expect(sent.some((key) => like(request).test(key)), `${request} in ${JSON.stringify(sent)}`).toBe(true);
      else expect(sent, request).toContain(request);
    }
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
    for (const reader of ['rounds-read', 'repatriations-read', 'negotiations-read', 'agreements-read', 'exports-read'] as const) {
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

describe('the drift check on reconciliations', () => {
  const entries = `RECONCILIATION#${RECONCILIATION_ID}#ENTRIES`;
  const omitted = `RECONCILIATION#${RECONCILIATION_ID}#OMITTED`;
  const batch = (...leadingKeys: string[]): Request => ({ action: 'BatchWriteItem', resource: 'table', leadingKeys });

  it('lets reconciliations-write batch-write the entries and omitted persons only, every item of a batch checked', () => {
    const statements = statementsOf('reconciliations-write');
    expect(allowed(statements, batch(entries, omitted))).toBe(true);
    // One item outside the two partitions refuses the whole batch (ForAllValues).
    expect(allowed(statements, batch(entries, `RECONCILIATION#${RECONCILIATION_ID}`))).toBe(false);
    expect(allowed(statements, batch(omitted, `PERSON#${PERSON_ID}`))).toBe(false);
    expect(allowed(statements, batch(`AUDIT#reconciliations#${RECONCILIATION_ID}`))).toBe(false);
    expect(allowed(statements, batch(REPLAY_KEY))).toBe(false);
    // Never changes a report, nor writes a person.
    expect(allowed(statements, { action: 'UpdateItem', resource: 'table', leadingKeys: [`RECONCILIATION#${RECONCILIATION_ID}`] })).toBe(false);
    for (const action of ['PutItem', 'UpdateItem', 'DeleteItem']) {
      expect(allowed(statements, { action, resource: 'table', leadingKeys: [`PERSON#${PERSON_ID}`] }), action).toBe(false);
    }
  });

  it('lets no other function batch-write, not even reconciliations-read', () => {
    for (const fn of Object.keys(handlers) as FunctionName[]) {
      if (fn === 'reconciliations-write') continue;
      expect(allowed(statementsOf(fn), batch(entries)), fn).toBe(false);
    }
    const reader = statementsOf('reconciliations-read');
    for (const action of ['PutItem', 'UpdateItem', 'DeleteItem']) {
      for (const key of [`RECONCILIATION#${RECONCILIATION_ID}`, entries, omitted]) {
        expect(allowed(reader, { action, resource: 'table', leadingKeys: [key] }), `${action} ${key}`).toBe(false);
      }
    }
  });

  it('lets only reconciliations-write query the names index, on the person segments only', () => {
    for (const fn of Object.keys(handlers) as FunctionName[]) {
      const names = allowed(statementsOf(fn), { action: 'Query', resource: 'GSI7', leadingKeys: ['STATS#PERSONS#07'] });
      expect(names, fn).toBe(fn === 'reconciliations-write');
    }
    const writer = statementsOf('reconciliations-write');
    for (const partition of ['STATS#ROUNDS', 'STATS#REPATRIATIONS', 'PERSONS', 'PERSONS#SIDE#ukraine']) {
      expect(allowed(writer, { action: 'Query', resource: 'GSI7', leadingKeys: [partition] }), partition).toBe(false);
    }
    // The same segments on the stats index: the statistics', not the reconciliation's.
    expect(allowed(writer, { action: 'Query', resource: 'GSI6', leadingKeys: ['STATS#PERSONS#07'] })).toBe(false);
    expect(allowed(statementsOf('stats-refresh'), { action: 'Query', resource: 'GSI6', leadingKeys: ['STATS#PERSONS#07'] })).toBe(true);
  });
});

afterAll(() => {
  // Every route of every function ran at least once above (scheduled ones on the schedule too).
  for (const fn of Object.keys(handlers) as FunctionName[]) {
    const expected = routesOf(fn).map((route) => `${route.method} ${route.path}`);
    expect([...(seen.get(fn) ?? [])].filter((route) => route !== 'schedule').sort(), fn).toEqual(expected.sort());
  }
});

/**
 * Fault injection for the unit tests (with ddb-mock.ts): DynamoDB failures as the AWS SDK hands
 * them to the store once its own attempts are spent, built the way its deserializers and
 * @smithy/node-http-handler build them (the store classifies by class, name, code and $fault, so a
 * look-alike Error would test nothing), and the checks every answer to a fault must pass.
 *
 * The mock replaces the document client's `send`, so the SDK's retry strategy never runs here:
 * each injected error is what the store would see after MAX_ATTEMPTS (test/unit/store-client.test.ts
 * covers the strategy itself, over a fake HTTP handler).
 */
import { expect } from 'vitest';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import { ddb, sentCommandNames } from './ddb-mock';
import { expectErrorShape, header, lambdaContext } from './unit-events';
import { MAX_ATTEMPTS } from '../../lambdas/store/client';

export const REQUEST_ID = 'req-fault-0001';
export const faultContext = () => lambdaContext(REQUEST_ID);

/** In every fault's text: an answer that repeats any of it leaks what the store saw. */
const TABLE_ARN = 'arn:aws:dynamodb:eu-central-1:123456789012:table/unit-table';
/** What the SDK's retry middleware adds to the error of the last attempt. */
const retried = (httpStatusCode?: number) => ({
  $metadata: { ...(httpStatusCode ? { httpStatusCode } : {}), requestId: 'RQ0FAULT0SDK0REQUEST0ID', attempts: MAX_ATTEMPTS, totalRetryDelay: 312 },
});

export type Fault = () => Error;

/**
 * The failures that mean "come back later" (contract: 503 + Retry-After): throttling of each
 * kind, a 5xx of each kind, the HTTP handler's per-attempt timeout and a reset connection.
 */
export const transientFaults: readonly (readonly [string, Fault])[] = [
  ['ThrottlingException', () => new ThrottlingException({
    message: `Throughput exceeds the current throughput limit for your account ${TABLE_ARN}`,
    throttlingReasons: [{ reason: 'TableWriteKeyRangeThroughputExceeded', resource: TABLE_ARN }],
    ...retried(400),
  })],
  ['ProvisionedThroughputExceededException', () => new ProvisionedThroughputExceededException({
    message: `The level of configured provisioned throughput for the table was exceeded ${TABLE_ARN}`,
    ...retried(400),
  })],
  ['RequestLimitExceeded', () => new RequestLimitExceeded({
    message: `Throughput exceeds the current throughput quota for your account ${TABLE_ARN}`,
    ...retried(400),
  })],
  ['InternalServerError', () => new InternalServerError({ message: `Internal server error ${TABLE_ARN}`, ...retried(500) })],
  // Not in DynamoDB's model: the SDK answers an unmodelled 503 with its base exception, named after the answer.
  ['ServiceUnavailable (503)', () => new DynamoDBServiceException({
    name: 'ServiceUnavailable',
    $fault: 'server',
    message: `Service Unavailable ${TABLE_ARN}`,
    ...retried(503),
  })],
  // @smithy/node-http-handler's requestTimeout with throwOnRequestTimeout (store/client.ts).
  ['TimeoutError (request timeout)', () => Object.assign(
    new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 3000 ms requestTimeout.'),
    { name: 'TimeoutError', code: 'ETIMEDOUT', ...retried() },
  )],
  // Node's own socket error, renamed by node-http-handler ("NODEJS_TIMEOUT_ERROR_CODES").
  ['ECONNRESET (connection reset)', () => Object.assign(
    new Error('read ECONNRESET dynamodb.eu-central-1.amazonaws.com:443'),
    { name: 'TimeoutError', code: 'ECONNRESET', errno: -104, syscall: 'read', ...retried() },
  )],
];

/** A request DynamoDB refused as malformed: the store's bug, never the caller's; 500 and nothing of it told. */
export const validationException: Fault = () => new DynamoDBServiceException({
  name: 'ValidationException',
  $fault: 'client',
  message: `One or more parameter values were invalid: Missing the key PK in the item ${TABLE_ARN}`,
  ...retried(400),
});

/** Cancellation reason codes, with the messages DynamoDB gives them (API reference, TransactWriteItems). */
export const reasonMessages: Readonly<Record<string, string>> = {
  ConditionalCheckFailed: 'The conditional request failed',
  ItemCollectionSizeLimitExceeded: 'Collection size exceeded.',
  TransactionConflict: 'Transaction is ongoing for the item.',
  ProvisionedThroughputExceeded: `The level of configured provisioned throughput for the table was exceeded ${TABLE_ARN}`,
  ThrottlingError: `Throughput exceeds the current capacity of your table or index ${TABLE_ARN}`,
  ValidationError: `One or more parameter values were invalid: Item size has exceeded the maximum allowed size ${TABLE_ARN}`,
};

export function cancelled(codes: readonly string[]): TransactionCanceledException {
  const reasons: CancellationReason[] = codes.map((Code) => (Code === 'None' ? { Code } : { Code, Message: reasonMessages[Code] }));
  return new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    CancellationReasons: reasons,
    ...retried(400),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TransactItem = any;
export type ItemPick = (item: TransactItem, index: number) => boolean;

/**
 * Cancels a transaction with `code` on the items that `pick` names and `None` on the others, as
 * DynamoDB reports it. A pick that names no item is the test's mistake: it fails loudly.
 */
export function cancelOn(pick: ItemPick, code: string): (input: { TransactItems: TransactItem[] }) => never {
  return (input) => {
    const codes = input.TransactItems.map((item, i) => (pick(item, i) ? code : 'None'));
    if (!codes.includes(code)) throw new Error(`no item of the transaction is picked for ${code}: ${JSON.stringify(input.TransactItems)}`);
    throw cancelled(codes);
  };
}

/** The key an item of a transaction writes, whatever its action. */
export function keyOfItem(item: TransactItem): { PK: string; SK: string } {
  if (item.Put) return { PK: item.Put.Item.PK, SK: item.Put.Item.SK };
  const action = item.Update ?? item.Delete ?? item.ConditionCheck;
  return { PK: action.Key.PK, SK: action.Key.SK };
}

/** The record's own item (`<KIND>#<id>` / `<KIND>`), as opposed to its copies, claims, counters and audit. */
export const onRecord = (kind: string, id?: string): ItemPick => (item) => {
  const { PK, SK } = keyOfItem(item);
  return SK === kind && (id === undefined ? PK.startsWith(`${kind}#`) : PK === `${kind}#${id}`);
};
/** The +1 on a record that the write newly names: the check that it exists (and is completed, for a round). */
export const onCounter = (kind: string, id: string): ItemPick => (item) =>
  item.Update !== undefined && item.Update.Key.PK === `${kind}#${id}` && item.Update.Key.SK === kind && item.Update.ExpressionAttributeValues?.[':delta'] === 1;
export const onStageClaim = (agreementId: string): ItemPick => (item) =>
  item.Put !== undefined && item.Put.Item.PK === `AGREEMENT#${agreementId}#LINKS` && String(item.Put.Item.SK).startsWith('STAGE#') && item.Put.ConditionExpression !== undefined;
export const onIdempotencyRecord: ItemPick = (item) => item.Put !== undefined && item.Put.Item.SK === 'IDEMPOTENCY';

/** Every command that can change the table, under the document client's names and the base client's. */
const WRITE_COMMAND = /^(Put|Update|Delete|BatchWrite|TransactWrite|ExecuteStatement|BatchExecuteStatement|ExecuteTransaction)(Item|Items)?Command$/;
export const writesSent = (): string[] => sentCommandNames().filter((name) => WRITE_COMMAND.test(name));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const transactInputs = (): any[] => ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input);

/**
 * Each transaction carries a ClientRequestToken (DynamoDB: at most 36 characters), so the SDK's
 * own retry of a call that did commit is a no-op; and each of the service's attempts (a new read,
 * so possibly other items) has its own, since DynamoDB refuses a known token with other items.
 */
export function expectOwnTokens(): void {
  const tokens = transactInputs().map((input) => input.ClientRequestToken as string | undefined);
  for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(new Set(tokens).size).toBe(tokens.length);
}

/** Text of an error (and of its cancellation reasons) that no answer may repeat. */
function secretsOf(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  const e = error as Error & { code?: string; CancellationReasons?: CancellationReason[] };
  const reasons = (e.CancellationReasons ?? []).flatMap((reason) => [reason.Message ?? '', reason.Code === 'None' ? '' : reason.Code ?? '']);
  return [e.message, e.name, e.code ?? '', TABLE_ARN, 'unit-table', 'RQ0FAULT0SDK0REQUEST0ID', ...reasons].filter((text) => text.length > 3);
}

export interface Expected {
  readonly status: number;
  readonly code: string;
}

/**
 * The contract's answer to a fault: the status and code, the error shape and JSON type, the
 * request id (header, and message of a 500), Retry-After on a 503, and nothing of the SDK's error
 * (message, name, code, reasons, table) nor a stack trace in the body.
 */
export function expectFaultAnswer(result: APIGatewayProxyResult, expected: Expected, fault?: unknown): void {
  expect({ status: result.statusCode, body: result.body }).toMatchObject({ status: expected.status });
  const error = expectErrorShape(result);
  expect(error.code).toBe(expected.code);
  expect(header(result, 'content-type')).toBe('application/json');
  expect(header(result, 'x-request-id')).toBe(REQUEST_ID);
  if (expected.status === 503) expect(header(result, 'retry-after')).toMatch(/^[1-9]\d*$/);
  else expect(header(result, 'retry-after')).toBeUndefined();
  if (expected.status === 500) expect(error.message).toContain(REQUEST_ID);
  expect(result.body).not.toMatch(/\bat \S+ \(|\.[cm]?[jt]s:\d+|node_modules|stack|\$metadata|\$fault/);
  for (const secret of secretsOf(fault)) expect(result.body).not.toContain(secret);
}

export const unavailable: Expected = { status: 503, code: 'unavailable' };
export const internal: Expected = { status: 500, code: 'internal' };

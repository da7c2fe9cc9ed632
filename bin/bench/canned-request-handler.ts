/**
 * A request handler for the SDK's client that answers from the canned table in DynamoDB's wire
 * JSON instead of sending anything: put in place of the client's NodeHttpHandler, it leaves the
 * rest of the SDK's work in the measurement (middleware stack, endpoint and credential
 * resolution, signing, retries, serializing the request, parsing and unmarshalling the answer).
 *
 * Reads repeat the same request body call after call, so each distinct body is answered once and
 * the encoded answer kept: the stub's own work stays out of the figures.
 */
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import { BATCH_WRITE_ANSWER, cannedAnswer, type Item, type Operation } from './canned-table';

type AttributeValue = { S: string } | { N: string } | { BOOL: boolean } | { NULL: true } | { L: AttributeValue[] } | { M: Record<string, AttributeValue> };

/** DynamoDB's wire form of the plain values the canned items hold (strings, numbers, booleans, null, lists, maps). */
function toWire(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toWire) };
  if (typeof value === 'object') return { M: toWireItem(value as Item) };
  throw new Error(`the canned table holds no ${typeof value}`);
}

function toWireItem(item: Item): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined).map(([name, value]) => [name, toWire(value)]));
}

/** The strings a canned answer depends on: the key's PK, the Query's :pk, its sort-key range and filter value, its start key. */
const stringOf = (value: unknown) => (value as { S?: string } | undefined)?.S;

interface WireRead {
  Key?: Record<string, unknown>;
  ExpressionAttributeValues?: Record<string, unknown>;
  ExpressionAttributeNames?: Record<string, string>;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ScanIndexForward?: boolean;
  Limit?: number;
  IndexName?: string;
  ExclusiveStartKey?: Record<string, unknown>;
}

/** A key of string attributes (every key of the table is one), in plain form. */
const plainKey = (key: Record<string, unknown> | undefined) => key && Object.fromEntries(Object.entries(key).map(([name, value]) => [name, stringOf(value)]));

function wireAnswer(operation: Operation, body: string): string {
  const input = JSON.parse(body) as WireRead;
  const values = input.ExpressionAttributeValues;
  const native = cannedAnswer(operation, {
    Key: input.Key && { PK: stringOf(input.Key.PK) },
    ExpressionAttributeValues: plainKey(values),
    ExpressionAttributeNames: input.ExpressionAttributeNames,
    KeyConditionExpression: input.KeyConditionExpression,
    FilterExpression: input.FilterExpression,
    ProjectionExpression: input.ProjectionExpression,
    ScanIndexForward: input.ScanIndexForward,
    Limit: input.Limit,
    IndexName: input.IndexName,
    ExclusiveStartKey: plainKey(input.ExclusiveStartKey),
  });
  const wire: Record<string, unknown> = { ...native };
  if (native.Item) wire.Item = toWireItem(native.Item as Item);
  if (native.Items) wire.Items = (native.Items as Item[]).map(toWireItem);
  if (native.LastEvaluatedKey) wire.LastEvaluatedKey = toWireItem(native.LastEvaluatedKey as Item);
  return JSON.stringify(wire);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = encoder.encode('{}');
const BATCH_WRITTEN = encoder.encode(JSON.stringify(BATCH_WRITE_ANSWER));

export function cannedRequestHandler() {
  const answers = new Map<string, Uint8Array>();
  const respond = (body: Uint8Array) => ({
    response: new HttpResponse({
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(body.length), 'x-amzn-requestid': 'bench' },
      body,
    }),
  });
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest) {
      const operation = String(request.headers['x-amz-target']).split('.')[1] as Operation;
      // Write bodies differ every time (ClientRequestToken, timestamps); their answer is always empty.
      if (operation === 'PutItem' || operation === 'TransactWriteItems') return respond(EMPTY);
      // Every item written: no UnprocessedItems.
      if (operation === 'BatchWriteItem') return respond(BATCH_WRITTEN);
      const body = typeof request.body === 'string' ? request.body : decoder.decode(request.body as Uint8Array);
      let answer = answers.get(body);
      if (!answer) {
        answer = encoder.encode(wireAnswer(operation, body));
        answers.set(body, answer);
      }
      return respond(answer);
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

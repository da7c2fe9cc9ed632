/**
 * The four DynamoDB operations the API uses, with plain JavaScript values in and out (as the SDK's
 * document client takes and gives them), and their translation to and from DynamoDB's wire JSON
 * (`{ "S": "…" }` attribute values), done by the SDK's own marshaller, @aws-sdk/util-dynamodb.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export type Item = Record<string, unknown>;
type Names = Record<string, string>;

interface Conditional {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Names;
  ExpressionAttributeValues?: Item;
}

export interface GetInput {
  TableName: string;
  Key: Item;
  ConsistentRead?: boolean;
}
export interface GetOutput {
  Item?: Item;
}

export interface PutInput extends Conditional {
  TableName: string;
  Item: Item;
}
export type PutOutput = Record<string, never>;

export interface QueryInput {
  TableName: string;
  IndexName?: string;
  KeyConditionExpression: string;
  FilterExpression?: string;
  ExpressionAttributeNames?: Names;
  ExpressionAttributeValues?: Item;
  ScanIndexForward?: boolean;
  Limit?: number;
  ExclusiveStartKey?: Item;
  ConsistentRead?: boolean;
  ReturnConsumedCapacity?: 'TOTAL' | 'INDEXES' | 'NONE';
}
export interface QueryOutput {
  Items: Item[];
  Count: number;
  LastEvaluatedKey?: Item;
  ConsumedCapacity?: { CapacityUnits?: number };
}

export interface TransactItem {
  Put?: PutInput;
  Update?: Conditional & { TableName: string; Key: Item; UpdateExpression: string };
  Delete?: Conditional & { TableName: string; Key: Item };
  ConditionCheck?: Conditional & { TableName: string; Key: Item; ConditionExpression: string };
}
export interface TransactWriteInput {
  TransactItems: TransactItem[];
  /** Makes a repeated call a no-op for ten minutes; the client sets one when the caller does not. */
  ClientRequestToken?: string;
}
export type TransactWriteOutput = Record<string, never>;

export interface Operations {
  GetItem: { input: GetInput; output: GetOutput };
  PutItem: { input: PutInput; output: PutOutput };
  Query: { input: QueryInput; output: QueryOutput };
  TransactWriteItems: { input: TransactWriteInput; output: TransactWriteOutput };
}
export type Operation = keyof Operations;

/** As the API's document client was configured: undefined attributes are left out, class instances refused. */
export const marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;

type Wire = Record<string, unknown>;

const toAttributes = (item: Item | undefined) => (item === undefined ? undefined : marshall(item, marshallOptions));
const fromAttributes = (item: unknown) => (item === undefined ? undefined : unmarshall(item as Parameters<typeof unmarshall>[0]));

function conditional<T extends Conditional & { Key?: Item; Item?: Item }>(part: T | undefined): Wire | undefined {
  if (!part) return undefined;
  return {
    ...(part as Wire),
    Key: toAttributes(part.Key),
    Item: toAttributes(part.Item),
    ExpressionAttributeValues: toAttributes(part.ExpressionAttributeValues),
  };
}

// Attributes left undefined here vanish in JSON.stringify, as the SDK's serializer leaves them out.
export const toWire: { [O in Operation]: (input: Operations[O]['input']) => Wire } = {
  GetItem: (input) => ({ ...input, Key: toAttributes(input.Key) }),
  PutItem: (input) => conditional(input)!,
  Query: (input) => ({
    ...input,
    ExpressionAttributeValues: toAttributes(input.ExpressionAttributeValues),
    ExclusiveStartKey: toAttributes(input.ExclusiveStartKey),
  }),
  TransactWriteItems: (input) => ({
    ...input,
    TransactItems: input.TransactItems.map((item) => ({
      Put: conditional(item.Put),
      Update: conditional(item.Update),
      Delete: conditional(item.Delete),
      ConditionCheck: conditional(item.ConditionCheck),
    })),
  }),
};

export const fromWire: { [O in Operation]: (output: Wire) => Operations[O]['output'] } = {
  GetItem: (output) => (output.Item ? { Item: fromAttributes(output.Item) } : {}),
  PutItem: () => ({}),
  Query: (output) => {
    const items = Array.isArray(output.Items) ? output.Items.map((item) => fromAttributes(item)!) : [];
    return {
      Items: items,
      Count: typeof output.Count === 'number' ? output.Count : items.length,
      ...(output.LastEvaluatedKey ? { LastEvaluatedKey: fromAttributes(output.LastEvaluatedKey) } : {}),
      ...(output.ConsumedCapacity ? { ConsumedCapacity: output.ConsumedCapacity as { CapacityUnits?: number } } : {}),
    };
  },
  TransactWriteItems: () => ({}),
};

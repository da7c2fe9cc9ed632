/**
 * The fuzz suite's table: a fresh one, seeded with the OpenAPI document's request examples
 * through the API itself, and put back to that seed before each route's run, so each route starts
 * from the same small table whatever ran before it (and a FUZZ_SEED replays one route alone).
 */
import { BatchWriteItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../lambdas/store/client';
import { routes } from '../../lambdas/routes';
import { useFreshTable } from '../support/table';
import { tableDumper } from '../support/table-dump';
import { operationOf } from '../support/contract';
import { examplesOf, withLiveIds } from './bodies';
import { inProcessServer, type Answer, type Sent } from './in-process';
import { makeTokens } from './tokens';

type Item = Record<string, AttributeValue>;
const keyOf = (item: Item) => `${item.PK?.S}\u0000${item.SK?.S}`;
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

/** The collection a path names a record of: `/rounds/01J…/persons` → `/rounds`. */
export const collectionOf = (template: string): string => `/${template.split('/')[1]}`;

export interface World {
  readonly tableName: string;
  readonly tokens: Record<string, string>;
  /** Ids that exist now, per collection. */
  readonly pools: Map<string, string[]>;
  /** Real cursors of the seeded lists, for use on lists they do not belong to. */
  readonly cursors: string[];
  send(sent: Sent): Promise<Answer>;
  /** The dump the next rejected write must leave as it is. */
  baseline: string;
  rebaseline(): Promise<void>;
  restore(): Promise<void>;
  /** Creates a record of the collection from the document's examples, when its pool ran dry. */
  replenish(collection: string): Promise<void>;
}

const json = (headers: [string, string][], token: string): [string, string][] => [...headers, ['Authorization', `Bearer ${token}`], ['Content-Type', 'application/json']];

export async function startWorld(): Promise<World> {
  const { endpoint, tableName } = await useFreshTable();
  const client = createDynamoDbClient({ endpoint });
  const send = inProcessServer();
  // One client kept open: the dump runs after every write.
  const dumpTable = tableDumper(tableName, endpoint).dump;
  // Whether the table may differ from the seed: restore skips its Scan and writes when it cannot.
  let dirty = false;
  const tokens = await makeTokens();
  const pools = new Map<string, string[]>();
  const pick = (collection: string) => pools.get(collection)?.[0];
  const creators = routes.filter((r) => r.method === 'POST' && !r.path.includes('{')).map((r) => ({ route: r, examples: examplesOf(operationOf('POST', r.path)?.operation ?? {}) }));

  async function create(path: string, example: unknown): Promise<boolean> {
    const answer = await send({ method: 'POST', target: path, headers: json([], tokens.admin!), body: JSON.stringify(withLiveIds(example, pick)) });
    if (answer.status !== 201) return false;
    dirty = true;
    const pool = pools.get(path) ?? [];
    pools.set(path, [...pool, JSON.parse(answer.text).id]);
    return true;
  }

  // Passes until nothing more can be made: an example that names an agreement waits for one.
  for (let pending = creators.flatMap((c) => c.examples.map((e) => ({ path: c.route.path, e }))), progress = true; pending.length && progress; ) {
    const left: typeof pending = [];
    for (const p of pending) if (!(await create(p.path, p.e))) left.push(p);
    progress = left.length < pending.length;
    pending = left;
  }

  const cursors: string[] = [];
  for (const r of routes.filter((r) => r.method === 'GET')) {
    const target = r.path.replace(/\{\w+\}/g, () => pick(collectionOf(r.path)) ?? 'x');
    const answer = await send({ method: 'GET', target: `${target}?limit=1`, headers: json([], tokens.admin!) });
    const next = answer.status === 200 && answer.headers['content-type']?.startsWith('application/json') ? JSON.parse(answer.text).nextCursor : undefined;
    if (typeof next === 'string') cursors.push(next);
  }

  const scanAll = async (): Promise<Map<string, Item>> => {
    const items = new Map<string, Item>();
    let start: Item | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
      for (const item of page.Items ?? []) items.set(keyOf(item), item);
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const seed = await scanAll();
  dirty = false;
  const seedPools = new Map([...pools].map(([k, v]) => [k, [...v]]));

  const world: World = {
    tableName,
    tokens,
    pools,
    cursors,
    send,
    baseline: await dumpTable(),
    async rebaseline() {
      const before = world.baseline;
      world.baseline = await dumpTable();
      if (world.baseline !== before) dirty = true;
    },
    async restore() {
      if (!dirty) return;
      const now = await scanAll();
      const requests = [
        ...[...now].filter(([k]) => !seed.has(k)).map(([, item]) => ({ DeleteRequest: { Key: { PK: item.PK!, SK: item.SK! } } })),
        ...[...seed].filter(([k, item]) => canonical(now.get(k)) !== canonical(item)).map(([, item]) => ({ PutRequest: { Item: item } })),
      ];
      for (let i = 0; i < requests.length; i += 25) {
        let batch: Record<string, (typeof requests)[number][]> | undefined = { [tableName]: requests.slice(i, i + 25) };
        while (batch && Object.keys(batch).length) batch = (await client.send(new BatchWriteItemCommand({ RequestItems: batch }))).UnprocessedItems as typeof batch;
      }
      pools.clear();
      for (const [k, v] of seedPools) pools.set(k, [...v]);
      world.baseline = await dumpTable();
      dirty = false;
    },
    async replenish(collection) {
      for (const example of creators.find((c) => c.route.path === collection)?.examples ?? []) if (await create(collection, example)) break;
      await world.rebaseline();
    },
  };
  return world;
}

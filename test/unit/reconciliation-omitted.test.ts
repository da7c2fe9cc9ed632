/**
 * A reconciliation's omitted persons in chunk items (`RECONCILIATION#<id>#OMITTED` / `CHUNK#<5
 * digits>`, up to 500 persons each in person id order): what putReportItems writes, how
 * omittedPage reads a page from a {chunk, offset} position (one consistent Query of at most two
 * chunks), and `GET /reconciliations/{id}/omitted` with its position cursors, bound to the report.
 * The table is a map that the mocked Query reads as DynamoDB would (partition, BETWEEN on the sort
 * key, ascending, Limit, LastEvaluatedKey); expected items and cursors are spelled out by hand,
 * not built with the code under test.
 */
import { ddb, resetDdb } from '../support/ddb-mock';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { BatchWriteCommand, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { handler as reconciliationsRead } from '../../lambdas/functions/reconciliations-read';
import { omittedPage, putReportItems, type OmittedPosition } from '../../lambdas/store/reconciliations';
import type { OmittedPerson } from '../../lambdas/domain/reconciliation';
import { bodyOf, expectErrorShape, lambdaContext, restEvent } from '../support/unit-events';

const TABLE = 'unit-table';
const CREATED = '2025-06-08T09:00:00.000Z';
const REPORT_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWC01';
const OTHER_REPORT_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWC02';
const PER_CHUNK = 500;
const COUNTS = [0, 1, 499, 500, 501, 1_234];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = any;

const omittedPartition = (id: string) => `RECONCILIATION#${id}#OMITTED`;
const chunkSort = (chunk: number) => `CHUNK#${String(chunk).padStart(5, '0')}`;

/** Person `i`: a ULID-shaped id that sorts as `i` does. */
const personAt = (i: number): OmittedPerson => ({ personId: `01JZ8Y3K4N5P6Q7R8S9T${String(i).padStart(6, '0')}`, fullName: `Person ${i}`, status: 'held' });
const personsUpTo = (n: number) => Array.from({ length: n }, (_, i) => personAt(i));
/** The same persons out of order (7919 is prime, so `i * 7919 mod n` is a permutation for these n). */
const shuffled = <T>(list: readonly T[]): T[] =>
  list.map((value, i) => ({ value, at: (i * 7919) % list.length })).sort((a, b) => a.at - b.at).map(({ value }) => value);

/** The table's items by `PK SK`: what a Query reads and a BatchWrite puts. */
const table = new Map<string, Item>();
const idOf = (key: Item) => `${key.PK} ${key.SK}`;
const put = (item: Item) => table.set(idOf(item), item);

/** Stores `n` omitted persons of a report as chunks, built here by hand: 500 a chunk, in person id order. */
function storeOmitted(id: string, n: number): OmittedPerson[] {
  const persons = personsUpTo(n);
  for (let chunk = 0; chunk * PER_CHUNK < n; chunk++) {
    put({ PK: omittedPartition(id), SK: chunkSort(chunk), persons: persons.slice(chunk * PER_CHUNK, (chunk + 1) * PER_CHUNK) });
  }
  return persons;
}

/** Query on `table` as DynamoDB answers it: a BETWEEN on SK when asked, ascending unless told, at most Limit items, then LastEvaluatedKey. */
function queryFake(input: Item) {
  const names = input.ExpressionAttributeNames as Record<string, string>;
  const values = input.ExpressionAttributeValues as Record<string, string>;
  expect(input.IndexName).toBeUndefined();
  expect(names['#pk']).toBe('PK');
  let items = [...table.values()].filter((item) => item.PK === values[':pk']);
  if (/#sk BETWEEN :from AND :to/.test(input.KeyConditionExpression)) {
    expect(names['#sk']).toBe('SK');
    items = items.filter((item) => item.SK >= values[':from']! && item.SK <= values[':to']!);
  }
  items.sort((a, b) => (a.SK < b.SK ? -1 : a.SK > b.SK ? 1 : 0));
  if (input.ScanIndexForward === false) items.reverse();
  if (input.ExclusiveStartKey) {
    const at = items.findIndex((item) => item.SK === input.ExclusiveStartKey.SK);
    items = items.slice(at + 1);
  }
  const limited = input.Limit === undefined ? items : items.slice(0, input.Limit);
  const last = limited[limited.length - 1];
  // DynamoDB names the last item read whenever it stopped at Limit, even if nothing follows.
  const stoppedAtLimit = input.Limit !== undefined && limited.length === input.Limit;
  return { Items: structuredClone(limited), ...(stoppedAtLimit && last ? { LastEvaluatedKey: { PK: last.PK, SK: last.SK } } : {}) };
}

const reportItem = (id: string, omitted: number) => ({
  PK: `RECONCILIATION#${id}`, SK: 'RECONCILIATION', GSI1PK: 'RECONCILIATIONS', GSI1SK: `${CREATED}#${id}`,
  id, title: 'List handed over on 2025-06-07', receivedFrom: 'russia', receivedOn: '2025-06-07', listOf: 'ukraine',
  summary: { entries: 3, matched: 0, possible: 0, unknown: 3, omitted, missingFound: 0 },
  version: 1, createdAt: CREATED, updatedAt: CREATED,
});

const queryInputs = () => ddb.commandCalls(QueryCommand).map((c) => c.args[0].input as Item);
const omittedQueries = () => queryInputs().filter((q) => String(q.ExpressionAttributeValues[':pk']).endsWith('#OMITTED'));

/** The one Query a page from `chunk` sends: exactly this, nothing more. */
const expectedQuery = (id: string, chunk: number) => ({
  TableName: TABLE,
  KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
  ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
  ExpressionAttributeValues: { ':pk': omittedPartition(id), ':from': chunkSort(chunk), ':to': 'CHUNK#99999' },
  ConsistentRead: true,
  Limit: 2,
});

beforeEach(() => {
  resetDdb();
  table.clear();
  ddb.on(ScanCommand).rejects(new Error('omitted persons are never scanned'));
  ddb.on(QueryCommand).callsFake(queryFake);
  ddb.on(GetCommand).callsFake((input: Item) => ({ Item: table.get(idOf(input.Key)) }));
  ddb.on(BatchWriteCommand).callsFake((input: Item) => {
    for (const request of input.RequestItems[TABLE] as Item[]) {
      if (request.PutRequest) put(request.PutRequest.Item);
      else table.delete(idOf(request.DeleteRequest.Key));
    }
    return { UnprocessedItems: {} };
  });
});

describe('putReportItems: omitted persons', () => {
  it.each(COUNTS)('writes %i omitted persons as ceil(n / 500) chunk items, in person id order', async (n) => {
    const persons = personsUpTo(n);
    await putReportItems(REPORT_ID, [], shuffled(persons));

    const requests = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems![TABLE]! as Item[]);
    expect(requests.every((batch) => batch.length <= 25)).toBe(true);
    const written = requests.flat().map((request) => {
      expect(Object.keys(request)).toEqual(['PutRequest']);
      return request.PutRequest.Item;
    });
    const chunks = Math.ceil(n / PER_CHUNK);
    expect(written).toHaveLength(chunks);
    expect(written.map((item) => Object.keys(item).sort())).toEqual(Array.from({ length: chunks }, () => ['PK', 'SK', 'persons']));
    expect(written.map((item) => [item.PK, item.SK])).toEqual(Array.from({ length: chunks }, (_, chunk) => [omittedPartition(REPORT_ID), chunkSort(chunk)]));
    // Full chunks but the last; together every person once, sorted by person id.
    expect(written.map((item) => item.persons.length)).toEqual(Array.from({ length: chunks }, (_, chunk) => Math.min(PER_CHUNK, n - chunk * PER_CHUNK)));
    expect(written.flatMap((item) => item.persons)).toEqual(persons);
  });

  it('writes the entries and the omitted chunks in the same batches, each entry its own item', async () => {
    const entries = Array.from({ length: 30 }, (_, index) => ({ index, fullName: `Entry ${index}`, outcome: 'unknown' as const, match: null, candidates: [] }));
    await putReportItems(REPORT_ID, entries, shuffled(personsUpTo(1_001)));
    const requests = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems![TABLE]! as Item[]);
    expect(requests.map((batch) => batch.length)).toEqual([25, 8]);
    expect([...table.keys()].filter((key) => key.startsWith(`${omittedPartition(REPORT_ID)} `))).toEqual([
      `${omittedPartition(REPORT_ID)} CHUNK#00000`,
      `${omittedPartition(REPORT_ID)} CHUNK#00001`,
      `${omittedPartition(REPORT_ID)} CHUNK#00002`,
    ]);
    expect(table.get(`${omittedPartition(REPORT_ID)} CHUNK#00002`).persons).toEqual([personAt(1_000)]);
  });
});

describe('omittedPage', () => {
  /** Every page from the start, following `next`; each page's one Query checked as it is sent. */
  async function walk(id: string, limit: number) {
    const pages: { from: OmittedPosition; persons: OmittedPerson[]; next?: OmittedPosition }[] = [];
    let from: OmittedPosition | undefined;
    for (;;) {
      const before = omittedQueries().length;
      const page = await omittedPage(id, limit, from);
      const sent = omittedQueries().slice(before);
      expect(sent).toEqual([expectedQuery(id, from?.chunk ?? 0)]);
      pages.push({ from: from ?? { chunk: 0, offset: 0 }, ...page });
      if (!page.next) return pages;
      expect(pages.length, 'a walk that does not end').toBeLessThanOrEqual(2_000);
      from = page.next;
    }
  }

  describe.each([1, 25, 100])('pages of %i', (limit) => {
    it.each(COUNTS)('over %i omitted persons: every person once, in person id order, next absent only on the last page', async (n) => {
      const persons = storeOmitted(REPORT_ID, n);
      // Another report's chunks beside them: never read.
      storeOmitted(OTHER_REPORT_ID, 3);
      const pages = await walk(REPORT_ID, limit);

      expect(pages.flatMap((page) => page.persons)).toEqual(persons);
      const count = Math.max(1, Math.ceil(n / limit));
      expect(pages).toHaveLength(count);
      // Full pages, and the last holds the rest: never an empty page before the end (only an empty report's one page is empty).
      expect(pages.map((page) => page.persons.length)).toEqual(Array.from({ length: count }, (_, i) => Math.min(limit, n - i * limit)));
      expect(pages.map((page) => page.next !== undefined)).toEqual(Array.from({ length: count }, (_, i) => i < count - 1));
      // A position is the chunk and the offset in it of the next person.
      for (const [i, page] of pages.entries()) {
        if (page.next) expect(page.next.chunk * PER_CHUNK + page.next.offset).toBe((i + 1) * limit);
      }
    });
  });

  it('answers a page that ends at a chunk end with a next position when another chunk follows, and none when none does', async () => {
    const persons = storeOmitted(REPORT_ID, 1_000);
    const first = await omittedPage(REPORT_ID, 100, { chunk: 0, offset: 400 });
    expect(first.persons).toEqual(persons.slice(400, 500));
    expect(first.next).toBeDefined();
    expect(first.next!.chunk * PER_CHUNK + first.next!.offset).toBe(500);
    const second = await omittedPage(REPORT_ID, 100, first.next);
    expect(second.persons).toEqual(persons.slice(500, 600));
    expect(second.next).toEqual({ chunk: 1, offset: 100 });
    const last = await omittedPage(REPORT_ID, 100, { chunk: 1, offset: 400 });
    expect(last.persons).toEqual(persons.slice(900, 1_000));
    expect(last.next).toBeUndefined();
    expect(omittedQueries()).toEqual([expectedQuery(REPORT_ID, 0), expectedQuery(REPORT_ID, first.next!.chunk), expectedQuery(REPORT_ID, 1)]);

    // The only chunk, read to its end: no next.
    table.clear();
    const alone = storeOmitted(REPORT_ID, 500);
    const end = await omittedPage(REPORT_ID, 25, { chunk: 0, offset: 475 });
    expect(end).toEqual({ persons: alone.slice(475) });
  });

  it('reads a page across two chunks with ONE consistent Query from its chunk, Limit 2', async () => {
    const persons = storeOmitted(REPORT_ID, 1_234);
    const page = await omittedPage(REPORT_ID, 100, { chunk: 1, offset: 450 });
    expect(page).toEqual({ persons: persons.slice(950, 1_050), next: { chunk: 2, offset: 50 } });
    expect(queryInputs()).toEqual([expectedQuery(REPORT_ID, 1)]);
    expect(ddb).toHaveReceivedCommandTimes(ScanCommand, 0);
  });

  it('starts at the first chunk without a position, and ends at once on an empty report', async () => {
    expect(await omittedPage(REPORT_ID, 25)).toEqual({ persons: [] });
    expect(queryInputs()).toEqual([expectedQuery(REPORT_ID, 0)]);
  });

  it('answers an empty last page for a position past the end (a forged cursor reaches nothing else)', async () => {
    storeOmitted(REPORT_ID, 1_234);
    expect(await omittedPage(REPORT_ID, 25, { chunk: 3, offset: 0 })).toEqual({ persons: [] });
    expect(await omittedPage(REPORT_ID, 25, { chunk: 2, offset: 234 })).toEqual({ persons: [] });
  });

  it('reads back every person that putReportItems wrote', async () => {
    const persons = personsUpTo(1_234);
    await putReportItems(REPORT_ID, [], shuffled(persons));
    const pages = await walk(REPORT_ID, 100);
    expect(pages.flatMap((page) => page.persons)).toEqual(persons);
  });
});

describe('GET /reconciliations/{id}/omitted', () => {
  const get = (id: string, query: Record<string, string> = {}) =>
    reconciliationsRead(
      restEvent({ method: 'GET', resource: '/reconciliations/{id}/omitted', pathParameters: { id }, role: 'viewer', query }),
      lambdaContext(),
    ) as Promise<APIGatewayProxyResult>;
  const getEntries = (id: string, query: Record<string, string> = {}) =>
    reconciliationsRead(
      restEvent({ method: 'GET', resource: '/reconciliations/{id}/entries', pathParameters: { id }, role: 'viewer', query }),
      lambdaContext(),
    ) as Promise<APIGatewayProxyResult>;

  /** A cursor as anyone could make one: a base64url JSON payload, and the first 16 characters of sha256(payload, NUL, scope). */
  const handMade = (payload: string, id = REPORT_ID) => {
    const encoded = Buffer.from(payload).toString('base64url');
    return `${encoded}.${createHash('sha256').update(encoded).update('\0').update(`omitted#${id}`).digest('base64url').slice(0, 16)}`;
  };

  let persons: OmittedPerson[];
  beforeEach(() => {
    put(reportItem(REPORT_ID, 1_234));
    put(reportItem(OTHER_REPORT_ID, 600));
    persons = storeOmitted(REPORT_ID, 1_234);
    storeOmitted(OTHER_REPORT_ID, 600);
    for (let index = 0; index < 3; index++) {
      const sk = `ENTRY#${String(index).padStart(5, '0')}`;
      put({ PK: `RECONCILIATION#${REPORT_ID}#ENTRIES`, SK: sk, GSI1PK: `RECONCILIATION#${REPORT_ID}#UNKNOWN`, GSI1SK: sk, index, fullName: `Entry ${index}`, outcome: 'unknown', match: null, candidates: [] });
    }
  });

  async function expectInvalidCursor(cursor: string, id = REPORT_ID) {
    const result = await get(id, { cursor });
    expect(result.statusCode, `${cursor}: ${result.body}`).toBe(400);
    expect(expectErrorShape(result).code).toBe('invalid_cursor');
  }

  it.each([[undefined], ['100'], ['1']])('walks the pages with the cursors it returns (limit %s): every person once, in person id order', async (limit) => {
    const size = limit === undefined ? 25 : Number(limit);
    const items: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const result = await get(REPORT_ID, { ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
      expect(result.statusCode, result.body).toBe(200);
      const body = bodyOf(result);
      expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor']);
      pages++;
      items.push(...body.items);
      if (body.nextCursor === null) break;
      expect(body.items).toHaveLength(size);
      expect(body.nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}$/);
      cursor = body.nextCursor;
    }
    expect(pages).toBe(Math.ceil(1_234 / size));
    expect(items).toEqual(persons.map((p) => ({ personId: p.personId, fullName: p.fullName, status: 'held' })));
    // Every page one Query of the report's own omitted partition.
    expect(omittedQueries().map((q) => q.ExpressionAttributeValues[':pk'])).toEqual(Array.from({ length: pages }, () => omittedPartition(REPORT_ID)));
  });

  it('accepts a well-formed position made by hand (the checksum is no secret): a position inside the same list', async () => {
    const result = await get(REPORT_ID, { cursor: handMade('{"chunk":1,"offset":10}') });
    expect(result.statusCode, result.body).toBe(200);
    expect(bodyOf(result).items.map((item: Item) => item.personId)).toEqual(persons.slice(510, 535).map((p) => p.personId));
  });

  it("refuses the cursor of another report's omitted list, though it is a position too", async () => {
    const other = bodyOf(await get(OTHER_REPORT_ID, { limit: '100' }));
    expect(other.nextCursor).toEqual(expect.any(String));
    // It is good where it came from.
    expect((await get(OTHER_REPORT_ID, { cursor: other.nextCursor })).statusCode).toBe(200);
    const before = omittedQueries().length;
    await expectInvalidCursor(other.nextCursor);
    await expectInvalidCursor(handMade('{"chunk":0,"offset":100}', OTHER_REPORT_ID));
    expect(omittedQueries()).toHaveLength(before);
  });

  it('refuses an edited cursor: payload, checksum, cut, or an extra part', async () => {
    const cursor = bodyOf(await get(REPORT_ID)).nextCursor as string;
    const [payload, sum] = cursor.split('.') as [string, string];
    const before = omittedQueries().length;
    await expectInvalidCursor(`${Buffer.from('{"chunk":0,"offset":50}').toString('base64url')}.${sum}`);
    await expectInvalidCursor(`${payload}.${sum.slice(0, -1)}${sum.at(-1) === 'A' ? 'B' : 'A'}`);
    await expectInvalidCursor(`${payload}.${sum.slice(0, -2)}`);
    await expectInvalidCursor(payload);
    await expectInvalidCursor(`${payload}.${sum}.x`);
    await expectInvalidCursor(`.${sum}`);
    await expectInvalidCursor('garbage');
    expect(omittedQueries()).toHaveLength(before);
  });

  it("refuses a key cursor from the report's entries list", async () => {
    const entries = await getEntries(REPORT_ID, { limit: '1' });
    expect(entries.statusCode, entries.body).toBe(200);
    const cursor = bodyOf(entries).nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    // It is good where it came from.
    expect((await getEntries(REPORT_ID, { limit: '1', cursor })).statusCode).toBe(200);
    const before = omittedQueries().length;
    await expectInvalidCursor(cursor);
    expect(omittedQueries()).toHaveLength(before);
  });

  it.each([
    ['a negative chunk', '{"chunk":-1,"offset":0}'],
    ['a fractional chunk', '{"chunk":1.5,"offset":0}'],
    ['a negative offset', '{"chunk":0,"offset":-1}'],
    ['a fractional offset', '{"chunk":0,"offset":0.5}'],
    ['a chunk past 5 digits', '{"chunk":100000,"offset":0}'],
    ['an extra key', '{"chunk":0,"offset":0,"extra":1}'],
    ['an extra key, as a table key', '{"chunk":0,"offset":0,"PK":"PERSON#01JZ8Y3K4N5P6Q7R8S9T0VWP01"}'],
    ['no offset', '{"chunk":0}'],
    ['no chunk', '{"offset":0}'],
    ['a string chunk', '{"chunk":"0","offset":0}'],
    ['a chunk of null', '{"chunk":null,"offset":0}'],
    ['an array', '[0,0]'],
    ['null', 'null'],
    ['a number', '7'],
    ['a key of the omitted partition', `{"PK":"${omittedPartition(REPORT_ID)}","SK":"CHUNK#00001"}`],
    ['no JSON', '{chunk:0,offset:0'],
  ])('refuses a hand-made position with %s, its checksum right', async (_, payload) => {
    await expectInvalidCursor(handMade(payload));
    expect(omittedQueries()).toEqual([]);
  });
});

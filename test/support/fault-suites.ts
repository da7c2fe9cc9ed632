/**
 * The fault matrix shared by the record families (test/unit/faults-*.test.ts): every transient
 * fault and every cancellation reason against each write route, every transient fault against
 * each read route, through the function's real handler. A family file lists its routes and the
 * refusals only it has (a stage claim, a counter, a guarded delete); the tables here make each
 * fault × route a named case.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, resetDdb } from './ddb-mock';
import { header } from './unit-events';
import {
  cancelOn,
  cancelled,
  expectFaultAnswer,
  expectOwnTokens,
  internal,
  onIdempotencyRecord,
  transientFaults,
  unavailable,
  validationException,
  writesSent,
  type Expected,
  type ItemPick,
  type TransactItem,
} from './faults';
import { MAX_WRITE_ATTEMPTS } from '../../lambdas/service/retry';

export interface WriteRoute {
  /** As the route table names it, plus what sets the case apart: `POST /rounds (Idempotency-Key)`. */
  readonly name: string;
  readonly send: () => Promise<APIGatewayProxyResult>;
  /** The status of the write when nothing fails. */
  readonly ok: number;
  /** The item a PATCH or DELETE reads before it writes; none for a POST. */
  readonly stored?: () => Record<string, unknown>;
  /** The record's own item in the transaction. */
  readonly record: ItemPick;
  /** The POST sends an Idempotency-Key, so it first reads the key's record. */
  readonly keyed?: boolean;
}

/** A refusal particular to a family: a condition of one item, and the contract's answer to it. */
export interface Refusal {
  readonly name: string;
  readonly route: WriteRoute;
  /** Mocks what the write reads (and what a retry re-reads), when the route's `stored` is not it. */
  readonly arrange?: () => void;
  readonly pick: ItemPick;
  /** Cancel only the first transaction (a lost race) rather than every one. */
  readonly once?: boolean;
  readonly answer: Expected | number;
  /** Transactions sent: 1 when the refusal is final, 2 when the retry wrote. */
  readonly transactions: number;
}

/** Quiet logs, no back-off pauses, and a table that answers every read with nothing. */
export function resetFaultMocks(): void {
  resetDdb();
  vi.restoreAllMocks();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  for (const method of ['log', 'info', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation(() => undefined);
  ddb.on(ScanCommand).rejects(new Error('no route is answered by a Scan'));
  ddb.on(GetCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
}

function arrangeWrite(route: WriteRoute): void {
  resetFaultMocks();
  if (route.stored) ddb.on(GetCommand).callsFake(() => ({ Item: route.stored!() }));
  ddb.on(TransactWriteCommand).resolves({});
}

/** The write's only state change is its one transaction per attempt: no Put, Update, Delete or batch beside it. */
function expectOnlyTransactions(count: number): void {
  expect(writesSent()).toEqual(Array.from({ length: count }, () => 'TransactWriteCommand'));
  expectOwnTokens();
}

function expectAnswer(result: APIGatewayProxyResult, answer: Expected | number, fault?: unknown): void {
  if (typeof answer === 'number') expect({ status: result.statusCode, body: result.body }).toMatchObject({ status: answer });
  else expectFaultAnswer(result, answer, fault);
}

/** Reasons any transaction may be cancelled for, named on the record's item. */
const anyWriteReasons: readonly (readonly [string, Expected | 'ok', number, boolean])[] = [
  // [code, answer, transactions sent, cancel only the first]
  ['ThrottlingError', unavailable, 1, false],
  ['ProvisionedThroughputExceeded', unavailable, 1, false],
  ['ValidationError', internal, 1, false],
  ['ItemCollectionSizeLimitExceeded', internal, 1, false],
  // Another transaction held an item: the service reads and writes again, with a new token.
  ['TransactionConflict', 'ok', 2, true],
  ['TransactionConflict', unavailable, MAX_WRITE_ATTEMPTS, false],
];

export function describeWriteFaults(family: string, routes: readonly WriteRoute[], refusals: readonly Refusal[]): void {
  describe(`${family} writes: a failed transaction answers the contract's error and writes nothing else`, () => {
    const rows = routes.flatMap((route) => transientFaults.map(([fault, make]) => [route.name, fault, route, make] as const));
    it.each(rows)('%s, TransactWriteItems fails with %s → 503', async (_name, _fault, route, make) => {
      arrangeWrite(route);
      const fault = make();
      ddb.on(TransactWriteCommand).rejects(fault);
      expectFaultAnswer(await route.send(), unavailable, fault);
      expectOnlyTransactions(1);
    });

    it.each(routes.map((route) => [route.name, route] as const))('%s, TransactWriteItems refused as malformed (ValidationException) → 500', async (_name, route) => {
      arrangeWrite(route);
      const fault = validationException();
      ddb.on(TransactWriteCommand).rejects(fault);
      expectFaultAnswer(await route.send(), internal, fault);
      expectOnlyTransactions(1);
    });

    const readFirst = routes.filter((route) => route.stored || route.keyed);
    const readRows = readFirst.flatMap((route) => transientFaults.map(([fault, make]) => [route.name, fault, route, make] as const));
    it.each(readRows)('%s, the read before the write fails with %s → 503, nothing written', async (_name, _fault, route, make) => {
      arrangeWrite(route);
      const fault = make();
      ddb.on(GetCommand).rejects(fault);
      expectFaultAnswer(await route.send(), unavailable, fault);
      expect(writesSent()).toEqual([]);
    });
  });

  describe(`${family} writes: each cancellation reason`, () => {
    const rows = routes.flatMap((route) =>
      anyWriteReasons.map(([code, answer, transactions, once]) => [route.name, `${code}${once ? ' (once)' : ''}`, route, code, answer, transactions, once] as const),
    );
    it.each(rows)('%s, cancelled for %s on the record', async (_name, _label, route, code, answer, transactions, once) => {
      arrangeWrite(route);
      const cancel = cancelOn(route.record, code);
      let thrown: unknown;
      const fail = (input: { TransactItems: TransactItem[] }) => {
        try {
          cancel(input);
        } catch (error) {
          thrown = error;
          throw error;
        }
      };
      if (once) ddb.on(TransactWriteCommand).callsFakeOnce(fail).resolves({});
      else ddb.on(TransactWriteCommand).callsFake(fail);
      const result = await route.send();
      expectAnswer(result, answer === 'ok' ? route.ok : answer, thrown);
      expectOnlyTransactions(transactions);
    });

    it.each(refusals.map((refusal) => [refusal.name, refusal] as const))('%s', async (_name, refusal) => {
      arrangeWrite(refusal.route);
      refusal.arrange?.();
      const cancel = cancelOn(refusal.pick, 'ConditionalCheckFailed');
      if (refusal.once) ddb.on(TransactWriteCommand).callsFakeOnce(cancel).resolves({});
      else ddb.on(TransactWriteCommand).callsFake(cancel);
      expectAnswer(await refusal.route.send(), refusal.answer, cancelled(['ConditionalCheckFailed']));
      expectOnlyTransactions(refusal.transactions);
    });

    const keyed = routes.filter((route) => route.keyed);
    it.each(keyed.map((route) => [route.name, route] as const))(
      '%s, ConditionalCheckFailed on the idempotency record (a concurrent request with the key won) → its answer replayed',
      async (_name, route) => {
        arrangeWrite(route);
        let winner: Record<string, unknown> | undefined;
        ddb.on(GetCommand).callsFake((input: { Key: { SK: string } }) => ({ Item: input.Key.SK === 'IDEMPOTENCY' ? winner : route.stored?.() }));
        const cancel = cancelOn(onIdempotencyRecord, 'ConditionalCheckFailed');
        ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: TransactItem[] }) => {
          // The winner sent the same body, so its record has this one's hash; its answer is its own.
          const mine = input.TransactItems.find(onIdempotencyRecord).Put.Item;
          winner = { ...mine, response: { status: route.ok, headers: { location: '/winner', etag: '"1"' }, body: '{"id":"winner"}' } };
          cancel(input);
        });
        const result = await route.send();
        expect(result.statusCode).toBe(route.ok);
        expect(result.body).toBe('{"id":"winner"}');
        expect(header(result, 'idempotent-replayed')).toBe('true');
        expectOnlyTransactions(1);
      },
    );
  });

  // Everything above refuses; this shows the same mocks do let a write through.
  it.each(routes.map((route) => [route.name, route] as const))(`${family}: %s without a fault answers its status`, async (_name, route) => {
    arrangeWrite(route);
    const result = await route.send();
    expect({ status: result.statusCode, body: result.body }).toMatchObject({ status: route.ok });
    expectOnlyTransactions(1);
  });
}

export interface ReadRoute {
  readonly name: string;
  readonly send: () => Promise<APIGatewayProxyResult>;
  /** Makes the route's DynamoDB call that the case is about fail with `fault` (the calls before it answered). */
  readonly inject: (fault: Error) => void;
}

export function describeReadFaults(family: string, routes: readonly ReadRoute[]): void {
  describe(`${family} reads: a failed read answers the contract's error`, () => {
    beforeEach(() => resetFaultMocks());
    const rows = routes.flatMap((route) => transientFaults.map(([fault, make]) => [route.name, fault, route, make] as const));
    it.each(rows)('%s, fails with %s → 503', async (_name, _fault, route, make) => {
      const fault = make();
      route.inject(fault);
      expectFaultAnswer(await route.send(), unavailable, fault);
      expect(writesSent()).toEqual([]);
    });

    it.each(routes.map((route) => [route.name, route] as const))('%s, refused as malformed (ValidationException) → 500', async (_name, route) => {
      const fault = validationException();
      route.inject(fault);
      expectFaultAnswer(await route.send(), internal, fault);
      expect(writesSent()).toEqual([]);
    });
  });
}

/** Shorthands for ReadRoute.inject. */
export const failGet = (fault: Error) => void ddb.on(GetCommand).rejects(fault);
export const failQuery = (fault: Error) => void ddb.on(QueryCommand).rejects(fault);
/** The Get answers `item`, then the Query after it fails. */
export const getThenFailQuery = (item: () => Record<string, unknown>) => (fault: Error) => {
  ddb.on(GetCommand).callsFake(() => ({ Item: item() }));
  ddb.on(QueryCommand).rejects(fault);
};
/** The first Query answers `items`, the next one (a page's derived read) fails. */
export const queryThenFail = (items: () => Record<string, unknown>[]) => (fault: Error) => {
  ddb.on(QueryCommand).resolvesOnce({ Items: items() }).rejects(fault);
};

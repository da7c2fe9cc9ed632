/**
 * Injected DynamoDB faults on the statistics: GET /stats (one GetItem), POST /stats/refresh (a
 * fan-out of Queries, then one conditional PutItem) and the scheduled refresh. A refresh that cannot
 * read everything must store nothing: a partial tally would be published as the registry's figures.
 */
// First: it points the store at the mocked client before the handlers load.
import { ddb } from '../support/ddb-mock';
import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { handler as statsRead } from '../../lambdas/functions/stats-read';
import { handler as statsRefresh } from '../../lambdas/functions/stats-refresh';
import { bodyOf, restEvent } from '../support/unit-events';
import { expectFaultAnswer, faultContext, internal, transientFaults, unavailable, validationException, writesSent } from '../support/faults';
import { describeReadFaults, failGet, resetFaultMocks } from '../support/fault-suites';

describeReadFaults('stats', [
  { name: 'GET /stats', send: () => statsRead(restEvent({ method: 'GET', resource: '/stats' }), faultContext()), inject: failGet },
]);

// The function answers a scheduled event with a summary, an API event with a proxy result.
const refresh = () => statsRefresh(restEvent({ method: 'POST', resource: '/stats/refresh', role: 'admin' }), faultContext()) as Promise<APIGatewayProxyResult>;
const scheduled = () => statsRefresh({ version: '0', id: 'e-1', 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2026-12-02T01:00:00Z', resources: [], detail: {} }, faultContext());

/** Every Query answers nothing, but the `n`-th, which fails: one segment among the fan-out. */
const failQueryNumber = (n: number, fault: Error) => {
  let calls = 0;
  ddb.on(QueryCommand).callsFake(() => {
    if (++calls === n) throw fault;
    return { Items: [] };
  });
};

const faults = [...transientFaults, ['ValidationException', validationException] as const];
const answerTo = (name: string) => (name === 'ValidationException' ? internal : unavailable);

describe('POST /stats/refresh', () => {
  it.each(faults)('a segment Query fails with %s → its error, and no statistics stored', async (name, make) => {
    resetFaultMocks();
    const fault = make();
    failQueryNumber(5, fault);
    expectFaultAnswer(await refresh(), answerTo(name), fault);
    expect(writesSent()).toEqual([]);
  });

  it.each(faults)('the PutItem of the result fails with %s → its error', async (name, make) => {
    resetFaultMocks();
    const fault = make();
    ddb.on(PutCommand).rejects(fault);
    expectFaultAnswer(await refresh(), answerTo(name), fault);
    expect(writesSent()).toEqual(['PutCommand']);
  });

  it('the PutItem refused because a later refresh stored first → 200 with that one', async () => {
    resetFaultMocks();
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } }));
    const newer = { generatedAt: '2099-01-01T00:00:00.000Z', totals: { rounds: 7 } };
    ddb.on(GetCommand).resolves({ Item: { PK: 'STATS', SK: 'SUMMARY', generatedAt: newer.generatedAt, stats: JSON.stringify(newer) } });
    const result = await refresh();
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject(newer);
  });

  it.each(transientFaults)('…and the read of that later one fails with %s → 503', async (_name, make) => {
    resetFaultMocks();
    const fault = make();
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } }));
    ddb.on(GetCommand).rejects(fault);
    expectFaultAnswer(await refresh(), unavailable, fault);
  });
});

describe('the scheduled refresh', () => {
  // It throws, so Lambda retries the invocation and then hands it to the dead-letter queue (lib/).
  it.each(transientFaults)('a segment Query failing with %s makes the invocation fail, storing nothing', async (_name, make) => {
    resetFaultMocks();
    failQueryNumber(5, make());
    await expect(scheduled()).rejects.toThrow();
    expect(writesSent()).toEqual([]);
  });

  it.each(transientFaults)('the PutItem failing with %s makes the invocation fail', async (_name, make) => {
    resetFaultMocks();
    ddb.on(PutCommand).rejects(make());
    await expect(scheduled()).rejects.toThrow();
  });
});

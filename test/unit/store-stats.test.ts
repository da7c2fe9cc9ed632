/** The stats index layout: persons spread over segments, and a refresh that reads every segment once. */
import { ddb, resetDdb } from '../support/ddb-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../lambdas/functions/stats-refresh';
import { newId } from '../../lambdas/domain/ids';
import { personLayout, repatriationLayout, roundLayout, STATS_SEGMENTS, statsSegmentOf, statsSourceQueries } from '../../lambdas/store/keys';
import { bodyOf, lambdaContext, restEvent } from '../support/unit-events';
import type { APIGatewayProxyResult } from 'aws-lambda';

const person = (id: string) => ({ id, createdAt: '2025-01-01T00:00:00.000Z', status: 'held', side: 'ukraine', kind: 'military' });

beforeEach(() => {
  resetDdb();
});

describe('stats index segments', () => {
  it('puts a person in the segment its id hashes to; segment 0 keeps the unsegmented name', () => {
    const segments = STATS_SEGMENTS.persons;
    expect(segments).toBeGreaterThan(1);
    for (let i = 0; i < 200; i++) {
      const id = newId();
      const segment = statsSegmentOf(id, segments);
      expect(segment).toBeGreaterThanOrEqual(0);
      expect(segment).toBeLessThan(segments);
      expect(statsSegmentOf(id, segments)).toBe(segment);
      const { GSI6PK, GSI6SK } = personLayout.indexAttributes(person(id));
      expect(GSI6PK).toBe(segment === 0 ? 'STATS#PERSONS' : `STATS#PERSONS#${String(segment).padStart(2, '0')}`);
      expect(GSI6SK).toBe(id);
    }
  });

  it('spreads ULIDs evenly over the segments', () => {
    const counts = new Array<number>(STATS_SEGMENTS.persons).fill(0);
    const n = 16_000;
    for (let i = 0; i < n; i++) counts[statsSegmentOf(newId(), counts.length)]! += 1;
    const expected = n / counts.length;
    for (const count of counts) expect(Math.abs(count - expected)).toBeLessThan(expected * 0.2);
  });

  it('keeps one partition each for rounds and repatriations', () => {
    const dated = { id: newId(), createdAt: '2025-01-01T00:00:00.000Z', date: '2025-05-23' };
    expect(roundLayout.indexAttributes({ ...dated, status: 'completed' }).GSI6PK).toBe('STATS#ROUNDS');
    expect(roundLayout.indexAttributes({ ...dated, status: 'planned' }).GSI6PK).toBeUndefined();
    expect(repatriationLayout.indexAttributes(dated).GSI6PK).toBe('STATS#REPATRIATIONS');
  });

  it('has one query per segment, each on a different partition of the stats index', () => {
    const partitions = statsSourceQueries('persons').map((query) => {
      expect(query.indexName).toBe('GSI6');
      expect(query.partition.name).toBe('GSI6PK');
      return query.partition.value;
    });
    expect(new Set(partitions).size).toBe(STATS_SEGMENTS.persons);
    expect(partitions[0]).toBe('STATS#PERSONS');
    expect(statsSourceQueries('rounds').map((query) => query.partition.value)).toEqual(['STATS#ROUNDS']);
  });
});

describe('POST /stats/refresh over segments', () => {
  it('reads every segment page by page and counts each person once', async () => {
    // Two persons in every persons segment, one of them on a second page.
    ddb.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, string>; ExclusiveStartKey?: unknown }) => {
      const partition = input.ExpressionAttributeValues[':pk']!;
      if (!partition.startsWith('STATS#PERSONS')) return { Items: [] };
      const item = { status: 'held', side: 'russia', categories: ['women'] };
      return input.ExclusiveStartKey ? { Items: [item] } : { Items: [item], LastEvaluatedKey: { GSI6PK: partition, GSI6SK: 'x', PK: 'p', SK: 's' } };
    });
    ddb.on(PutCommand).resolves({});
    const result = (await handler(restEvent({ method: 'POST', resource: '/stats/refresh', role: 'admin' }), lambdaContext())) as APIGatewayProxyResult;
    expect(result.statusCode).toBe(200);
    const stats = bodyOf(result);
    expect(stats.persons.total).toBe(2 * STATS_SEGMENTS.persons);
    expect(stats.persons.byCategory.women).toBe(2 * STATS_SEGMENTS.persons);
    const queried = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input.ExpressionAttributeValues![':pk'] as string);
    const personPartitions = statsSourceQueries('persons').map((query) => query.partition.value);
    // Each persons segment twice (two pages), rounds and repatriations once each; the agreements
    // and the newest negotiation event once each.
    expect(queried.sort()).toEqual(
      [...personPartitions, ...personPartitions, 'STATS#REPATRIATIONS', 'STATS#ROUNDS', 'AGREEMENTS', 'NEGOTIATIONS'].sort(),
    );
  });
});

/**
 * What an operator sees of one request: the Powertools log line (Lambda context, correlation id,
 * route, status) and the embedded-metric blobs the alarms and dashboard read; and what they never
 * see: a body, even with POWERTOOLS_LOGGER_LOG_EVENT on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The logger and metrics read their settings when they are built, before the handler module loads.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
});

import { ddb, resetDdb } from '../support/ddb-mock';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { handler as roundsRead } from '../../lambdas/functions/rounds-read';
import { handler as roundsWrite } from '../../lambdas/functions/rounds-write';
import { handler as statsRefresh } from '../../lambdas/functions/stats-refresh';
import { METRICS_NAMESPACE, metricNames, SERVICE_NAME } from '../../lambdas/observability/metric-names';
import { lambdaContext, restEvent, ROUND_ID, storedRoundItem, validRound } from '../support/unit-events';

type Line = Record<string, unknown> & { _aws?: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } };
let lines: Line[];

beforeEach(() => {
  resetDdb();
  vi.restoreAllMocks();
  lines = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((line: unknown) => void lines.push(JSON.parse(String(line)) as Line));
  }
});
afterEach(() => vi.restoreAllMocks());

const requestLines = () => lines.filter((line) => line.message === 'request');
const blobs = () => lines.filter((line) => line._aws);
const blobWith = (metric: string) => blobs().find((line) => line._aws!.CloudWatchMetrics[0]!.Metrics.some((m) => m.Name === metric));

const getRound = (headers: Record<string, string> = {}) =>
  roundsRead(restEvent({ method: 'GET', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID }, headers }), lambdaContext());

describe('one request', () => {
  it('logs one line with the Lambda context, the caller’s X-Request-Id as correlation id, the route and the status', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
    const result = await getRound({ 'X-Request-Id': 'client-trace-42' });
    expect(result.statusCode).toBe(200);
    const [line] = requestLines();
    expect(requestLines()).toHaveLength(1);
    expect(line).toMatchObject({
      level: 'INFO',
      service: SERVICE_NAME,
      function_name: expect.any(String),
      function_request_id: result.headers!['x-request-id'],
      correlation_id: 'client-trace-42',
      route: 'GET /rounds/{id}',
      status: 200,
      ms: expect.any(Number),
      cold_start: expect.any(Boolean),
    });
  });

  it('takes API Gateway’s request id as correlation id when the caller’s is not an id', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
    for (const given of ['two\nlines', 'x'.repeat(129), 'Зиновій']) {
      lines = [];
      await getRound({ 'X-Request-Id': given });
      expect(requestLines()[0]!.correlation_id).not.toBe(given);
      expect(JSON.stringify(lines)).not.toContain(given);
    }
  });

  it('publishes count, latency and class in one blob, by route and by status across routes', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
    await getRound();
    expect(blobs().filter((blob) => blob._aws!.CloudWatchMetrics[0]!.Metrics.some((m) => m.Name === metricNames.requests))).toHaveLength(1);
    const blob = blobWith(metricNames.requests)!;
    expect(blob._aws!.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRICS_NAMESPACE, Dimensions: [['service', 'route'], ['service', 'statusCode']] });
    expect(blob).toMatchObject({ service: SERVICE_NAME, route: 'GET /rounds/{id}', statusCode: '200', Requests: 1, ClientErrors: 0, ServerErrors: 0, Latency: expect.any(Number) });
  });

  it('starts each request with its own dimensions (none kept from the one before)', async () => {
    ddb.on(GetCommand).resolves({ Item: storedRoundItem() });
    await getRound();
    ddb.on(GetCommand).resolves({});
    lines = [];
    await getRound();
    const blob = blobWith(metricNames.requests)!;
    expect(blob._aws!.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'route'], ['service', 'statusCode']]);
    expect(blob).toMatchObject({ statusCode: '404', Requests: 1, ClientErrors: 1 });
  });

  it('counts a refusal as a client error and an outage as a server error, with their codes', async () => {
    ddb.on(GetCommand).resolves({});
    expect((await getRound()).statusCode).toBe(404);
    expect(blobWith(metricNames.requests)).toMatchObject({ ClientErrors: 1, ServerErrors: 0, statusCode: '404' });

    lines = [];
    ddb.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'm', $metadata: {} }));
    expect((await getRound()).statusCode).toBe(503);
    expect(blobWith(metricNames.requests)).toMatchObject({ ClientErrors: 0, ServerErrors: 1, statusCode: '503' });
    expect(requestLines()[0]).toMatchObject({ status: 503 });
  });

  it('never logs the event or the body, even with POWERTOOLS_LOGGER_LOG_EVENT set', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(TransactWriteCommand).resolves({});
    const round = { ...validRound(), notes: 'Unrepeatable-Marker-Text' };
    const result = await roundsWrite(restEvent({ method: 'POST', resource: '/rounds', role: 'editor', body: round }), lambdaContext());
    expect(result.statusCode).toBe(201);
    expect(requestLines()).toEqual([expect.objectContaining({ route: 'POST /rounds', status: 201 })]);
    expect(JSON.stringify(lines)).not.toContain('Unrepeatable-Marker-Text');
    expect(lines.some((line) => line.message === 'Lambda invocation event')).toBe(false);
  });
});

describe('the scheduled refresh', () => {
  it('publishes its duration, the records counted and a success with the service dimension only', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    await statsRefresh({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} }, lambdaContext());
    const refresh = blobWith(metricNames.refreshSucceeded)!;
    expect(refresh._aws!.CloudWatchMetrics[0]!.Dimensions).toEqual([['service']]);
    expect(refresh).toMatchObject({ [metricNames.refreshSucceeded]: 1, [metricNames.refreshRecords]: 0, [metricNames.refreshDuration]: expect.any(Number) });
    expect(lines.find((line) => line.message === 'stats refreshed')).toMatchObject({ function_request_id: expect.any(String) });
  });
});

import { Fn } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateString } from './support/intrinsics';
import { logicalIdOf, synthesizeRegistry, type SynthesizedRegistry } from './support/registry-template';

/** The CloudWatch dashboard's widgets, its body evaluated as a deployment would. */
function dashboardOf({ resources }: SynthesizedRegistry) {
  const dashboards = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Dashboard');
  expect(dashboards).toHaveLength(1);
  const [id, dashboard] = dashboards[0]!;
  const body = JSON.parse(evaluateString(dashboard!.Properties.DashboardBody));
  return { id, name: evaluate(dashboard!.Properties.DashboardName), widgets: body.widgets as any[] };
}

const registry = synthesizeRegistry();
const { stack, resources } = registry;
const { id, name, widgets } = dashboardOf(registry);
const graphs = widgets.filter((widget) => widget.type === 'metric');
const graphTitled = (title: string) => {
  const graph = graphs.find((widget) => widget.properties.title === title);
  if (!graph) throw new Error(`no graph '${title}' (have: ${graphs.map((g) => g.properties.title).join('; ')})`);
  return graph.properties.metrics as any[];
};
/** `[namespace, metric, ...dimension name/value pairs, options]` rows of a graph, as plain strings. */
const rows = (title: string) => graphTitled(title).map((row) => (Array.isArray(row) ? row : [row]));
const searches = (title: string): string[] => rows(title).map((row) => row[0]?.expression).filter(Boolean);
const stageRef = `<${logicalIdOf(stack.api.api.deploymentStage)}>`;

describe('the operations dashboard', () => {
  it('is one CloudWatch dashboard named after the stack and its region, and the stack outputs its name', () => {
    expect(name).toBe('ExchangeRegistryStack-eu-central-1');
    expect(registry.template.toJSON().Outputs.OperationsDashboardName.Value).toEqual({ Ref: id });
  });

  it('shows the state of every alarm first', () => {
    const [alarmWidget, ...others] = widgets.filter((widget) => widget.type === 'alarm');
    expect(others).toEqual([]);
    const alarmIds = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm').map(([alarmId]) => `<${alarmId}.Arn>`);
    expect([...alarmWidget.properties.alarms].sort()).toEqual(alarmIds.sort());
    expect(widgets.indexOf(alarmWidget)).toBeLessThan(widgets.indexOf(graphs[0]));
  });

  it("graphs the API stage's requests, latency, 4XX and 5XX (API Gateway metrics)", () => {
    const apiRows = ['API: requests', 'API: latency (ms)', 'API: 4XX and 5XX answers'].flatMap(rows);
    const metrics = apiRows.map((row) => `${row[0]} ${row[1]} ${row.slice(2, 6).join(' ')} ${row[6]?.stat}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        `AWS/ApiGateway Count ApiName ExchangeRegistryStack Stage ${stageRef} Sum`,
        `AWS/ApiGateway Latency ApiName ExchangeRegistryStack Stage ${stageRef} p99`,
        `AWS/ApiGateway IntegrationLatency ApiName ExchangeRegistryStack Stage ${stageRef} p99`,
        `AWS/ApiGateway 4XXError ApiName ExchangeRegistryStack Stage ${stageRef} Sum`,
        `AWS/ApiGateway 5XXError ApiName ExchangeRegistryStack Stage ${stageRef} Sum`,
      ]),
    );
  });

  it.each([
    ['Routes: requests', 'Requests', 'Sum'],
    ['Routes: latency p99 (ms)', 'Latency', 'p99'],
    ['Routes: client errors (4XX)', 'ClientErrors', 'Sum'],
    ['Routes: server errors (5XX)', 'ServerErrors', 'Sum'],
    ['Idempotent replays by route', 'IdempotentReplays', 'Sum'],
  ])('%s: a SEARCH over the route dimension of the functions’ %s metric', (title, metric, statistic) => {
    expect(searches(title)).toEqual([
      `SEARCH('{ExchangeRegistry,route,service} MetricName="${metric}" service="exchange-registry"', '${statistic}', 300)`,
    ]);
    expect(rows(title)[0]![0].label).toBe("${PROP('Dim.route')}");
  });

  it('graphs the answers by status code (SEARCH over statusCode)', () => {
    expect(searches('Answers by status code')).toEqual([
      `SEARCH('{ExchangeRegistry,statusCode,service} MetricName="Requests" service="exchange-registry"', 'Sum', 300)`,
    ]);
  });

  it.each([
    ['Functions: errors', 'Errors', 'Sum'],
    ['Functions: throttles', 'Throttles', 'Sum'],
    ['Functions: duration p99 (ms)', 'Duration', 'p99'],
    ['Functions: concurrent executions', 'ConcurrentExecutions', 'Maximum'],
  ])('%s: one line per deployed function, labelled with its name', (title, metric, statistic) => {
    const expected = [...stack.deployedFunctions].map(([fnName, fn]) => [
      'AWS/Lambda',
      metric,
      'FunctionName',
      `<${logicalIdOf(fn.lambda)}>`,
      { label: fnName, stat: statistic },
    ]);
    expect(rows(title)).toEqual(expected);
  });

  it("graphs the table's throttle events and consumed capacity", () => {
    const tableRef = `<${logicalIdOf(stack.data.table)}>`;
    const lines = [...rows('DynamoDB: throttle events'), ...rows('DynamoDB: consumed capacity units')];
    expect(lines.map((row) => `${row[0]} ${row[1]} ${row[2]} ${row[3]}`)).toEqual([
      `AWS/DynamoDB ReadThrottleEvents TableName ${tableRef}`,
      `AWS/DynamoDB WriteThrottleEvents TableName ${tableRef}`,
      `AWS/DynamoDB ConsumedReadCapacityUnits TableName ${tableRef}`,
      `AWS/DynamoDB ConsumedWriteCapacityUnits TableName ${tableRef}`,
    ]);
  });

  it('graphs the refresh (duration, records counted, successes) and the reconciliations (entries, persons, duration)', () => {
    const titles = [
      'Statistics refresh: duration (ms)',
      'Statistics refresh: records counted, successes',
      'Reconciliations: entries and persons read',
      'Reconciliations: duration (ms)',
    ];
    const lines = titles.flatMap(rows);
    for (const row of lines) expect(row.slice(0, 4)).toEqual(['ExchangeRegistry', row[1], 'service', 'exchange-registry']);
    expect(new Set(lines.map((row) => row[1]))).toEqual(
      new Set(['RefreshDuration', 'RefreshRecordsCounted', 'RefreshSucceeded', 'ReconciliationEntries', 'ReconciliationPersonsRead', 'ReconciliationDuration']),
    );
  });

  it("graphs the web ACL's allowed and blocked requests, and blocks by rule", () => {
    const lines = rows('WAF: allowed and blocked').map((row) => row.slice(0, 8).join(' '));
    expect(lines).toEqual([
      'AWS/WAFV2 AllowedRequests Region eu-central-1 Rule ALL WebACL ExchangeRegistryStack-api',
      'AWS/WAFV2 BlockedRequests Region eu-central-1 Rule ALL WebACL ExchangeRegistryStack-api',
    ]);
    expect(searches('WAF: blocked by rule')).toEqual([
      `SEARCH('{AWS/WAFV2,Region,Rule,WebACL} MetricName="BlockedRequests" WebACL="ExchangeRegistryStack-api"', 'Sum', 300)`,
    ]);
  });

  it('lays its widgets out within the 24-unit grid', () => {
    for (const widget of widgets) expect(widget.x + widget.width).toBeLessThanOrEqual(24);
  });

  it('leaves the WAF graphs out for a brought ACL whose name is unknown (a token ARN)', () => {
    const own = dashboardOf(synthesizeRegistry({ stackProps: { webAclArn: Fn.importValue('SharedWebAclArn') } }));
    const titles = own.widgets.map((widget) => widget.properties.title);
    expect(titles.filter((title) => String(title).startsWith('WAF'))).toEqual([]);
    expect(titles).toContain('Routes: requests');
  });
});

import { Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  TextWidget,
  type IAlarm,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { metricNames } from '../../lambdas/observability/metric-names';
import { PERIOD, searchByDimension, serviceMetric, wafBlockedByRule, wafMetric } from './registry-metrics';

export interface RegistryDashboardProps {
  readonly stage: Stage;
  /** Every deployed function, by its route-table name (the lines' labels). */
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly table: ITableV2;
  /** The web ACL's metric name. @default no WAF widgets (an ACL brought along whose name is unknown) */
  readonly webAclName?: string;
  /** Shown by state at the top. */
  readonly alarms: readonly IAlarm[];
}

/** Graphs per row: the dashboard grid is 24 units wide. */
const GRID_WIDTH = 24;

/**
 * The operations dashboard (CloudWatch), top to bottom as an incident is read: alarm states; the
 * API as callers see it (API Gateway); each route as the functions see it (their own metrics,
 * one line per route whatever routes exist, by SEARCH); the functions; the table; the scheduled
 * refresh and the reconciliations; WAF. docs/operations.md says where it is and what each alarm means.
 */
export class RegistryDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: RegistryDashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Dashboard names are unique per account: the region keeps one stack's dashboards apart.
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${stack.stackName}-${stack.region}` });
    const fns = [...props.functions];
    const label = (name: string) => ({ period: PERIOD, label: name });

    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          `# Exchange Registry (${stack.stackName})\n` +
          'What each alarm means and what to do: `docs/operations.md`. Custom metrics: namespace ' +
          '`ExchangeRegistry`, dimension `service` = `exchange-registry`.',
        width: GRID_WIDTH,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: GRID_WIDTH, height: 6 }),
    );
    this.row(
      graph('API: requests', [props.stage.metricCount({ period: PERIOD, statistic: 'Sum', label: 'Requests' })]),
      graph('API: latency (ms)', [
        props.stage.metricLatency({ period: PERIOD, statistic: 'p50', label: 'Latency p50' }),
        props.stage.metricLatency({ period: PERIOD, statistic: 'p99', label: 'Latency p99' }),
        props.stage.metricIntegrationLatency({ period: PERIOD, statistic: 'p99', label: 'Integration latency p99' }),
      ]),
      graph('API: 4XX and 5XX answers', [
        props.stage.metricClientError({ period: PERIOD, statistic: 'Sum', label: '4XX' }),
        props.stage.metricServerError({ period: PERIOD, statistic: 'Sum', label: '5XX' }),
      ]),
    );
    this.row(
      graph('Routes: requests', [searchByDimension(metricNames.requests, 'route', 'Sum')]),
      graph('Routes: latency p99 (ms)', [searchByDimension(metricNames.latency, 'route', 'p99')]),
      graph('Routes: client errors (4XX)', [searchByDimension(metricNames.clientErrors, 'route', 'Sum')]),
      graph('Routes: server errors (5XX)', [searchByDimension(metricNames.serverErrors, 'route', 'Sum')]),
    );
    this.row(
      graph('Answers by status code', [searchByDimension(metricNames.requests, 'statusCode', 'Sum')]),
      graph('Idempotent replays by route', [searchByDimension(metricNames.idempotentReplays, 'route', 'Sum')]),
    );
    this.row(
      graph('Functions: errors', fns.map(([name, fn]) => fn.metricErrors({ ...label(name), statistic: 'Sum' }))),
      graph('Functions: throttles', fns.map(([name, fn]) => fn.metricThrottles({ ...label(name), statistic: 'Sum' }))),
      graph('Functions: duration p99 (ms)', fns.map(([name, fn]) => fn.metricDuration({ ...label(name), statistic: 'p99' }))),
      graph(
        'Functions: concurrent executions',
        fns.map(([name, fn]) => fn.metric('ConcurrentExecutions', { ...label(name), statistic: 'Maximum' })),
      ),
    );
    this.row(
      graph('DynamoDB: throttle events', [
        props.table.metric('ReadThrottleEvents', { period: PERIOD, statistic: 'Sum', label: 'Read' }),
        props.table.metric('WriteThrottleEvents', { period: PERIOD, statistic: 'Sum', label: 'Write' }),
      ]),
      graph('DynamoDB: consumed capacity units', [
        props.table.metricConsumedReadCapacityUnits({ period: PERIOD, statistic: 'Sum', label: 'Read' }),
        props.table.metricConsumedWriteCapacityUnits({ period: PERIOD, statistic: 'Sum', label: 'Write' }),
      ]),
    );
    this.row(
      graph('Statistics refresh: duration (ms)', [
        serviceMetric(metricNames.refreshDuration, { statistic: 'Average', label: 'Average' }),
        serviceMetric(metricNames.refreshDuration, { statistic: 'Maximum', label: 'Maximum' }),
      ]),
      graph('Statistics refresh: records counted, successes', [
        serviceMetric(metricNames.refreshRecords, { statistic: 'Maximum', label: 'Records counted' }),
        serviceMetric(metricNames.refreshSucceeded, { statistic: 'Sum', label: 'Successful refreshes' }),
      ]),
      graph('Reconciliations: entries and persons read', [
        serviceMetric(metricNames.reconciliationEntries, { statistic: 'Sum', label: 'Entries' }),
        serviceMetric(metricNames.reconciliationPersons, { statistic: 'Maximum', label: 'Persons read (largest)' }),
      ]),
      graph('Reconciliations: duration (ms)', [
        serviceMetric(metricNames.reconciliationDuration, { statistic: 'Average', label: 'Average' }),
        serviceMetric(metricNames.reconciliationDuration, { statistic: 'Maximum', label: 'Maximum' }),
      ]),
    );
    if (props.webAclName !== undefined) {
      this.row(
        graph('WAF: allowed and blocked', [
          wafMetric(this, 'AllowedRequests', props.webAclName, { label: 'Allowed' }),
          wafMetric(this, 'BlockedRequests', props.webAclName, { label: 'Blocked' }),
        ]),
        graph('WAF: blocked by rule', [wafBlockedByRule(props.webAclName)]),
      );
    }
  }

  /** One row of graphs sharing the grid's width. */
  private row(...graphs: Graph[]): void {
    const width = GRID_WIDTH / graphs.length;
    this.dashboard.addWidgets(...graphs.map(({ title, left }) => new GraphWidget({ title, left, width, height: 6 })));
  }
}

interface Graph {
  readonly title: string;
  readonly left: IMetric[];
}

const graph = (title: string, left: IMetric[]): Graph => ({ title, left });

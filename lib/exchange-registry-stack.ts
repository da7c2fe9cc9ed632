import { CfnOutput, Stack, type Duration, type StackProps } from 'aws-cdk-lib';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { routes as defaultRoutes, type FunctionName, type Route } from '../lambdas/routes';
import { ApiFunctions } from './api/api-functions';
import { ApiWebAcl, webAclNameOf } from './api/api-web-acl';
import { RegistryApi, type StageThrottling } from './api/registry-api';
import { corsOriginsFromContext, withOrigins } from './cors-origins';
import { DashboardSite, type DashboardDomain } from './dashboard/dashboard-site';
import { RegistryTable } from './data/registry-table';
import type { RegistryFunction } from './function/registry-function';
import { RegistryUserPool } from './identity/registry-user-pool';
import { refreshPeriodOf } from './jobs/refresh-period';
import { ScheduledFunctions } from './jobs/scheduled-functions';
import { AlarmTopic, alarmEmailOf, subscribeEmail } from './monitoring/alarm-topic';
import { RegistryAlarms } from './monitoring/registry-alarms';
import { RegistryDashboard } from './monitoring/registry-dashboard';

export interface ExchangeRegistryStackProps extends StackProps {
  /**
   * Browser origins admitted by CORS, besides the dashboard's own (always added).
   * @default context `corsOrigins` (cdk.json)
   */
  readonly corsOrigins?: readonly string[];
  /** Over the whole stage. @default DEFAULT_THROTTLING (50 requests/s, burst 100) */
  readonly throttling?: StageThrottling;
  /** Each write route (every method but GET) on its own. @default DEFAULT_WRITE_THROTTLING (10 requests/s, burst 20) */
  readonly writeThrottling?: StageThrottling;
  /**
   * A regional WAFv2 web ACL of your own for the API stage, instead of the stack's. Its WAF alarm
   * and dashboard widgets need its name, read from a literal ARN (and taken as its metric name).
   * @default the stack's web ACL (lib/api/api-web-acl.ts)
   */
  readonly webAclArn?: string;
  /** Requests per client IP per 5 minutes in the stack's web ACL. @default DEFAULT_RATE_LIMIT_PER_IP (1,000) */
  readonly webAclRateLimitPerIp?: number;
  /**
   * A WAFv2 web ACL of scope CLOUDFRONT for the dashboard's distribution; such ACLs exist in
   * us-east-1 only, whatever region the stack is in. @default none
   */
  readonly dashboardWebAclArn?: string;
  /** Custom domain names for the dashboard, with their us-east-1 ACM certificate. @default none */
  readonly dashboardDomain?: DashboardDomain;
  /** @default the route table of lambdas/routes.ts; tests may pass another */
  readonly routes?: readonly Route[];
  /**
   * How often EventBridge runs the scheduled functions (those marked `scheduled` in
   * lambdas/routes.ts: the stats refresh). Whole minutes, at least one.
   * @default context `statsRefreshMinutes` (`-c statsRefreshMinutes=30`), else 15 minutes
   */
  readonly statsRefreshPeriod?: Duration;
  /**
   * An SNS topic of your own that the alarms notify when they fire and clear, instead of the
   * stack's. It must let CloudWatch publish (and, if encrypted, use its key).
   * @default the stack's topic (lib/monitoring/alarm-topic.ts)
   */
  readonly alarmTopicArn?: string;
  /** An address subscribed to the alarm topic. @default context `alarmEmail` (`-c alarmEmail=…`), else none */
  readonly alarmEmail?: string;
  /** Redirect URLs for the hosted sign-in (authorization code flow). @default none: SRP only */
  readonly oAuthCallbackUrls?: readonly string[];
}

/**
 * Table, user pool, functions, REST API behind a web ACL, public dashboard, scheduled jobs, and the
 * alarms, their topic and the operations dashboard of the Exchange Registry.
 */
export class ExchangeRegistryStack extends Stack {
  readonly data: RegistryTable;
  readonly identity: RegistryUserPool;
  readonly functions: ApiFunctions;
  /** The stack's own web ACL; none when `webAclArn` brings one. */
  readonly webAcl?: ApiWebAcl;
  readonly api: RegistryApi;
  readonly dashboard: DashboardSite;
  readonly jobs: ScheduledFunctions;
  readonly alarmTopic: ITopic;
  readonly monitoring: RegistryAlarms;
  readonly operationsDashboard: RegistryDashboard;
  /** Every deployed function: the API's and any that only the schedule runs. */
  readonly deployedFunctions: ReadonlyMap<FunctionName, RegistryFunction>;

  constructor(scope: Construct, id: string, props: ExchangeRegistryStackProps = {}) {
    super(scope, id, {
      description: 'Exchange Registry: REST API recording prisoner exchanges',
      ...props,
    });
    const routes = props.routes ?? defaultRoutes;
    // The dashboard first: the API's CORS allow-list (preflight and CORS_ORIGINS) needs its origin.
    this.dashboard = new DashboardSite(this, 'Dashboard', {
      webAclArn: props.dashboardWebAclArn,
      domain: props.dashboardDomain,
    });
    const corsOrigins = withOrigins(props.corsOrigins ?? corsOriginsFromContext(this), this.dashboard.origins);

    this.data = new RegistryTable(this, 'Data');
    this.identity = new RegistryUserPool(this, 'Identity', { oAuthCallbackUrls: props.oAuthCallbackUrls });
    this.functions = new ApiFunctions(this, 'Functions', {
      routes,
      table: this.data.table,
      corsOrigins,
    });
    if (props.webAclArn !== undefined && props.webAclRateLimitPerIp !== undefined) {
      throw new Error('webAclRateLimitPerIp applies to the stack\'s web ACL; with webAclArn, set the limit in that ACL');
    }
    this.webAcl = props.webAclArn === undefined
      ? new ApiWebAcl(this, 'Waf', { rateLimitPerIp: props.webAclRateLimitPerIp })
      : undefined;
    this.api = new RegistryApi(this, 'Api', {
      routes,
      handlers: new Map([...this.functions.byName].map(([name, fn]) => [name, fn.lambda])),
      userPool: this.identity.userPool,
      corsOrigins,
      throttling: props.throttling,
      writeThrottling: props.writeThrottling,
      webAclArn: props.webAclArn ?? this.webAcl!.arn,
    });
    this.dashboard.connectApi({ url: this.api.url, origin: this.api.origin });
    const refreshPeriod = refreshPeriodOf(this, props.statsRefreshPeriod);
    this.jobs = new ScheduledFunctions(this, 'Jobs', {
      period: refreshPeriod,
      existing: this.functions.byName,
      table: this.data.table,
      corsOrigins,
    });
    this.deployedFunctions = new Map([...this.functions.byName, ...this.jobs.created]);

    this.alarmTopic = this.alarmTopicOf(props);
    const functions = new Map([...this.deployedFunctions].map(([name, fn]) => [name, fn.lambda]));
    const stage = this.api.api.deploymentStage;
    const webAclName = this.webAcl?.name ?? webAclNameOf(props.webAclArn ?? '');
    this.monitoring = new RegistryAlarms(this, 'Monitoring', {
      functions,
      deadLetterQueues: new Map(
        [...this.jobs.byName].flatMap(([name, job]): [string, IQueue][] => [
          [`${name} failed invocations`, job.failedInvocations],
          [`${name} undelivered events`, job.undeliveredEvents],
        ]),
      ),
      stage,
      // RefreshSucceeded is the stats refresh's own metric: no other scheduled function publishes it.
      statsRefreshPeriod: this.jobs.byName.has('stats-refresh') ? refreshPeriod : undefined,
      webAclName,
      alarmTopic: this.alarmTopic,
    });
    this.operationsDashboard = new RegistryDashboard(this, 'OperationsDashboard', {
      stage,
      functions,
      table: this.data.table,
      webAclName,
      alarms: this.monitoring.alarms,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API stage' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url, description: 'The public dashboard' });
    new CfnOutput(this, 'OperationsDashboardName', {
      value: this.operationsDashboard.dashboard.dashboardName,
      description: 'The CloudWatch dashboard of the API, functions, table, jobs and WAF',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Where the alarms notify' });
  }

  /** The stack's own topic, or the one brought along; either way with the alarmEmail subscription. */
  private alarmTopicOf(props: ExchangeRegistryStackProps): ITopic {
    const email = alarmEmailOf(this, props.alarmEmail);
    if (props.alarmTopicArn === undefined) return new AlarmTopic(this, 'Alarms', { email }).topic;
    const topic = Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn);
    if (email) subscribeEmail(topic, email);
    return topic;
  }
}

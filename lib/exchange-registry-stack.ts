import { CfnOutput, Stack, type Duration, type StackProps } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { routes as defaultRoutes, type FunctionName, type Route } from '../lambdas/routes';
import { ApiFunctions } from './api/api-functions';
import { RegistryApi, type StageThrottling } from './api/registry-api';
import { corsOriginsFromContext, withOrigins } from './cors-origins';
import { DashboardSite, type DashboardDomain } from './dashboard/dashboard-site';
import { RegistryTable } from './data/registry-table';
import type { RegistryFunction } from './function/registry-function';
import { RegistryUserPool } from './identity/registry-user-pool';
import { refreshPeriodOf } from './jobs/refresh-period';
import { ScheduledFunctions } from './jobs/scheduled-functions';
import { RegistryAlarms } from './monitoring/registry-alarms';

export interface ExchangeRegistryStackProps extends StackProps {
  /**
   * Browser origins admitted by CORS, besides the dashboard's own (always added).
   * @default context `corsOrigins` (cdk.json)
   */
  readonly corsOrigins?: readonly string[];
  /** @default DEFAULT_THROTTLING (50 requests/s, burst 100) */
  readonly throttling?: StageThrottling;
  /** A regional WAFv2 web ACL for the API stage. @default none */
  readonly webAclArn?: string;
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
  /** An existing SNS topic that the alarms notify when they fire and clear. @default none */
  readonly alarmTopicArn?: string;
  /** Redirect URLs for the hosted sign-in (authorization code flow). @default none: SRP only */
  readonly oAuthCallbackUrls?: readonly string[];
}

/** Table, user pool, functions, REST API, dashboard, scheduled jobs and alarms of the Exchange Registry. */
export class ExchangeRegistryStack extends Stack {
  readonly data: RegistryTable;
  readonly identity: RegistryUserPool;
  readonly functions: ApiFunctions;
  readonly api: RegistryApi;
  readonly dashboard: DashboardSite;
  readonly jobs: ScheduledFunctions;
  readonly monitoring: RegistryAlarms;
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
    this.api = new RegistryApi(this, 'Api', {
      routes,
      handlers: new Map([...this.functions.byName].map(([name, fn]) => [name, fn.lambda])),
      userPool: this.identity.userPool,
      corsOrigins,
      throttling: props.throttling,
      webAclArn: props.webAclArn,
    });
    this.dashboard.connectApi({ url: this.api.url, origin: this.api.origin });
    this.jobs = new ScheduledFunctions(this, 'Jobs', {
      period: refreshPeriodOf(this, props.statsRefreshPeriod),
      existing: this.functions.byName,
      table: this.data.table,
      corsOrigins,
    });
    this.deployedFunctions = new Map([...this.functions.byName, ...this.jobs.created]);

    const scheduled = [...this.jobs.byName];
    this.monitoring = new RegistryAlarms(this, 'Monitoring', {
      functions: new Map(scheduled.map(([name, job]) => [name, job.fn.lambda])),
      deadLetterQueues: new Map(
        scheduled.flatMap(([name, job]): [string, IQueue][] => [
          [`${name} failed invocations`, job.failedInvocations],
          [`${name} undelivered events`, job.undeliveredEvents],
        ]),
      ),
      api: this.api.api,
      alarmTopic:
        props.alarmTopicArn === undefined
          ? undefined
          : Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API stage' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url, description: 'The public dashboard' });
  }
}

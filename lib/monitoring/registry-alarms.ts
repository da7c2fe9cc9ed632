import { Duration, Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricNames } from '../../lambdas/observability/metric-names';
import { constructIdOf } from '../function/construct-id';
import { PERIOD, serviceMetric, wafMetric } from './registry-metrics';

/** A 5XX answer is a bug or an outage; 1 % sustained is not noise, even at low traffic. */
export const API_5XX_RATE_THRESHOLD = 0.01;
/** The 5XX rate must hold in 2 of 3 five-minute periods: one bad request alone does not page. */
const API_5XX_PERIODS = { evaluationPeriods: 3, datapointsToAlarm: 2 } as const;
/**
 * Blocked requests in 5 minutes that count as a spike. The odd scanner is blocked all day long
 * and is WAF doing its job; a hundred blocks is an attack, or a rule blocking real clients.
 */
export const WAF_BLOCKED_THRESHOLD = 100;
/** CloudWatch's bound on an alarm's evaluation range (period × periods) for periods of an hour or more. */
const MAX_EVALUATION_RANGE = Duration.days(7);

export interface RegistryAlarmsProps {
  /** Every deployed function, by its route-table name: its errors and its throttles. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Dead-letter queues, by a readable name: any message in one is a failure to look at. */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** The API stage: its 5XX rate (API-wide metric, free; per-method metrics are off). */
  readonly stage: Stage;
  /** The period of the statistics refresh: alarms when no refresh succeeded in two of them. @default no such alarm */
  readonly statsRefreshPeriod?: Duration;
  /** The web ACL's metric name (the WebACL dimension of AWS/WAFV2). @default no WAF alarm */
  readonly webAclName?: string;
  /** Notified when an alarm fires and when it clears. */
  readonly alarmTopic: ITopic;
}

interface AlarmSpec {
  readonly id: string;
  /** After the stack's name: `<stack>-<name>`, so an operator can tell stacks apart in a notification. */
  readonly name: string;
  readonly metric: IMetric;
  /** What it means and what to do: the notification and the console show it. */
  readonly description: string;
  readonly threshold?: number;
  readonly comparisonOperator?: ComparisonOperator;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: TreatMissingData;
}

/**
 * The alarms of docs/operations.md (which says, for each, what to do), every one notifying the
 * topic. Most watch something that should never happen, so one occurrence fires and silence (no
 * runs, an idle queue, no traffic) is fine; the statistics alarm is the other way round: silence
 * is what it watches for.
 */
export class RegistryAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: RegistryAlarmsProps) {
    super(scope, id);
    for (const [name, fn] of props.functions) {
      this.add({
        id: `${constructIdOf(name)}Errors`,
        name: `fn-${name}-errors`,
        metric: fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        description:
          `${name} crashed or timed out at least once in 5 minutes (a handled error is an answer, ` +
          'not a Lambda error). Search its log group for level ERROR and for "Task timed out"; for ' +
          'an API function the caller got a 5XX, for a scheduled run Lambda retries it twice.',
      });
      this.add({
        id: `${constructIdOf(name)}Throttles`,
        name: `fn-${name}-throttles`,
        metric: fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        description:
          `Lambda refused to run ${name} at least once in 5 minutes: the account's concurrency ` +
          'in this region is used up. Callers got 5XX. See ConcurrentExecutions on the dashboard; ' +
          'raise the account quota, or find what else runs in the account.',
      });
    }
    for (const [name, queue] of props.deadLetterQueues) {
      this.add({
        id: `${constructIdOf(name)}Messages`,
        name: `dlq-${name.replace(/\s+/g, '-')}`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
        description:
          `Dead-letter queue ${name} holds at least one message: a scheduled run failed for good. ` +
          'Read the message (it has the error), fix the cause, then redrive or delete the ' +
          'messages (they are kept 14 days). The alarm clears when the queue is empty.',
      });
    }
    this.add({
      id: 'Api5xxRate',
      name: 'api-5xx-rate',
      metric: props.stage.metricServerError({ period: PERIOD, statistic: 'Average' }),
      threshold: API_5XX_RATE_THRESHOLD,
      ...API_5XX_PERIODS,
      description:
        `At least ${API_5XX_RATE_THRESHOLD * 100} % of the API's answers were 5XX in 2 of the last ` +
        '3 five-minute periods. Find the failing route on the dashboard (ServerErrors by route), ' +
        'then its requests in the access log (status 5xx) and the function log lines by ' +
        'function_request_id (docs/operations.md).',
    });
    if (props.statsRefreshPeriod) this.addStaleStatistics(props.statsRefreshPeriod);
    if (props.webAclName !== undefined) {
      this.add({
        id: 'WafBlocked',
        name: 'waf-blocked-spike',
        metric: wafMetric(this, 'BlockedRequests', props.webAclName),
        threshold: WAF_BLOCKED_THRESHOLD,
        description:
          `The API's web ACL blocked at least ${WAF_BLOCKED_THRESHOLD} requests in 5 minutes. See ` +
          'which rule on the dashboard (WAF blocked by rule) and the sampled requests or the ' +
          'aws-waf-logs- log group: one IP over the rate limit is an attack that WAF is handling; ' +
          'real clients blocked by a managed rule need that rule set to count (lib/api/api-web-acl.ts).',
      });
    }

    const action = new SnsAction(props.alarmTopic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }

  /**
   * The refresh publishes RefreshSucceeded = 1 after each successful run; no datapoint in two
   * periods means the public figures are older than they should be, whatever the reason (failed
   * runs, a disabled rule, a function that no longer publishes), so missing data is breaching.
   */
  private addStaleStatistics(refreshPeriod: Duration): void {
    const window = Duration.minutes(2 * refreshPeriod.toMinutes());
    if (window.toSeconds() > MAX_EVALUATION_RANGE.toSeconds()) {
      throw new Error(
        `The statistics alarm looks at two refresh periods, at most ${MAX_EVALUATION_RANGE.toHumanString()} for CloudWatch; ` +
          `a refresh period of ${refreshPeriod.toHumanString()} is too long`,
      );
    }
    this.add({
      id: 'StatisticsStale',
      name: 'statistics-stale',
      metric: serviceMetric(metricNames.refreshSucceeded, { statistic: 'Sum', period: window }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
      description:
        `No statistics refresh succeeded in ${window.toHumanString()} (two refresh periods): the public ` +
        'figures are stale. Check the stats-refresh alarms and log group, its dead-letter queues, ' +
        'and that its schedule rule is enabled; POST /stats/refresh (admin) runs it at once.',
    });
  }

  private add(spec: AlarmSpec): void {
    this.alarms.push(
      new Alarm(this, spec.id, {
        alarmName: `${Stack.of(this).stackName}-${spec.name}`,
        metric: spec.metric,
        alarmDescription: spec.description,
        threshold: spec.threshold ?? 1,
        comparisonOperator: spec.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: spec.evaluationPeriods ?? 1,
        datapointsToAlarm: spec.datapointsToAlarm,
        treatMissingData: spec.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}

import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
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
import { constructIdOf } from '../function/construct-id';

/** Alarm period: short enough to notice a failed run before the next one. */
const PERIOD = Duration.minutes(5);

export interface RegistryAlarmsProps {
  /** Functions whose every error matters (those on a schedule, whose failures nobody sees). */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Dead-letter queues, by a readable name: any message in one is a failure to look at. */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** Alarms on the API's 5XX answers (API-wide metric, free; per-method metrics are off). */
  readonly api?: RestApi;
  /** Notified when an alarm fires and when it clears. @default none: the console only */
  readonly alarmTopic?: ITopic;
}

/**
 * A few alarms, each on something that should never happen, so any occurrence is worth a look:
 * a function error, a message in a dead-letter queue, a 5XX answer. Missing data (no runs, an idle
 * queue, no traffic) is fine, not an alarm.
 */
export class RegistryAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: RegistryAlarmsProps) {
    super(scope, id);
    for (const [name, fn] of props.functions) {
      this.add(`${constructIdOf(name)}Errors`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), {
        description: `${name} failed (an error or a timeout) at least once in 5 minutes; see its log group.`,
      });
    }
    for (const [name, queue] of props.deadLetterQueues) {
      this.add(
        `${constructIdOf(name)}Messages`,
        queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
        {
          description:
            `Dead-letter queue ${name} holds at least one message: inspect it, fix the cause, ` +
            'then redrive or delete the messages (they are kept 14 days).',
        },
      );
    }
    if (props.api) {
      this.add('Api5xx', props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }), {
        description: 'The API answered 5XX at least once in 5 minutes; see the access and function logs.',
      });
    }
    if (props.alarmTopic) {
      const action = new SnsAction(props.alarmTopic);
      for (const alarm of this.alarms) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }

  private add(id: string, metric: IMetric, options: { description: string }): void {
    this.alarms.push(
      new Alarm(this, id, {
        metric,
        alarmDescription: options.description,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}

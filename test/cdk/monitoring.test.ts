import { describe, expect, it } from 'vitest';
import { scheduledFunctionNames } from '../../lambdas/routes';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const { stack, resources } = synthesizeRegistry();
const alarms = Object.values(resources)
  .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
  .map((r) => r.Properties);

/** "at least once": any single occurrence fires, and silence (no data) is not an alarm. */
const fireOnFirst = {
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  EvaluationPeriods: 1,
  TreatMissingData: 'notBreaching',
};

describe('alarms', () => {
  it.each(scheduledFunctionNames())('fire on the first error of scheduled %s', (name) => {
    const fn = stack.jobs.byName.get(name)!.fn.lambda;
    expect(alarms).toContainEqual(
      expect.objectContaining({
        ...fireOnFirst,
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(fn) } }],
      }),
    );
  });

  it('fire on the first message in every dead-letter queue', () => {
    const queueIds = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
      .map(([id]) => id);
    expect(queueIds.length).toBe(2 * scheduledFunctionNames().length);
    for (const queueId of queueIds) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          ...fireOnFirst,
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        }),
      );
    }
  });

  it("fire on the API's first 5XX answer", () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        ...fireOnFirst,
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [{ Name: 'ApiName', Value: stack.stackName }],
      }),
    );
  });

  it('explain what to do, and notify nobody unless a topic is given', () => {
    for (const alarm of alarms) {
      expect(alarm.AlarmDescription.length).toBeGreaterThan(40);
      expect(alarm.AlarmActions).toBeUndefined();
    }
  });

  it('notify the alarmTopicArn topic when they fire and when they clear', () => {
    const topicArn = 'arn:aws:sns:eu-central-1:123456789012:registry-alarms';
    const withTopic = synthesizeRegistry({ stackProps: { alarmTopicArn: topicArn } });
    const notified = Object.values(withTopic.resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(notified).toHaveLength(alarms.length);
    for (const alarm of notified) {
      expect(alarm.Properties.AlarmActions).toEqual([topicArn]);
      expect(alarm.Properties.OKActions).toEqual([topicArn]);
    }
  });
});

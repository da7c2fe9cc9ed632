import { Duration, Fn } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { scheduledFunctionNames } from '../../lambdas/routes';
import { createApp } from '../../lib/app-factory';
import { logicalIdOf, synthesizeRegistry, type SynthesizedRegistry } from './support/registry-template';

const registry = synthesizeRegistry();
const { stack, resources } = registry;

const ofType = (r: SynthesizedRegistry['resources'], type: string) =>
  Object.entries(r).filter(([, resource]) => resource.Type === type);
const alarmsOf = (r: SynthesizedRegistry['resources']) =>
  ofType(r, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const alarms = alarmsOf(resources);
const topicRef = { Ref: logicalIdOf(stack.alarmTopic) };

/** Fires on the first occurrence in 5 minutes; silence (no runs, no traffic, an idle queue) is fine. */
const fireOnFirst = {
  Period: 300,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  EvaluationPeriods: 1,
  TreatMissingData: 'notBreaching',
};

/** The one alarm on this metric and these dimensions. */
function alarmOn(namespace: string, metricName: string, dims: unknown, list = alarms) {
  const found = list.filter((a) => a.Namespace === namespace && a.MetricName === metricName && JSON.stringify(a.Dimensions) === JSON.stringify(dims));
  expect(found, `${namespace} ${metricName} ${JSON.stringify(dims)}`).toHaveLength(1);
  return found[0]!;
}

describe('alarms', () => {
  const deployed = [...stack.deployedFunctions];
  const queueIds = ofType(resources, 'AWS::SQS::Queue').map(([id]) => id);

  describe.each(deployed.map(([name, fn]) => [name, fn] as const))('function %s', (_name, fn) => {
    const dims = [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(fn.lambda) } }];

    it('alarms on its first error (a crash or a timeout)', () => {
      expect(alarmOn('AWS/Lambda', 'Errors', dims)).toMatchObject({ ...fireOnFirst, Statistic: 'Sum' });
    });

    it('alarms on its first throttle', () => {
      expect(alarmOn('AWS/Lambda', 'Throttles', dims)).toMatchObject({ ...fireOnFirst, Statistic: 'Sum' });
    });
  });

  it('fire on the first message in every dead-letter queue', () => {
    expect(queueIds.length).toBe(2 * scheduledFunctionNames().length);
    for (const queueId of queueIds) {
      const dims = [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }];
      expect(alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', dims)).toMatchObject({ ...fireOnFirst, Statistic: 'Maximum' });
    }
  });

  it("fire when 1 % of the API stage's answers are 5XX in 2 of 3 five-minute periods", () => {
    const dims = [
      { Name: 'ApiName', Value: stack.stackName },
      { Name: 'Stage', Value: { Ref: logicalIdOf(stack.api.api.deploymentStage) } },
    ];
    expect(alarmOn('AWS/ApiGateway', '5XXError', dims)).toMatchObject({
      // Each answer is 0 or 1, so the average is the rate.
      Statistic: 'Average',
      Period: 300,
      Threshold: 0.01,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
    });
  });

  it('fire when no statistics refresh succeeded in two refresh periods, silence included', () => {
    expect(alarmOn('ExchangeRegistry', 'RefreshSucceeded', [{ Name: 'service', Value: 'exchange-registry' }])).toMatchObject({
      Statistic: 'Sum',
      Period: 2 * 15 * 60,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'breaching',
    });
  });

  it("fire on a spike of requests blocked by the stack's web ACL", () => {
    const dims = [
      { Name: 'Region', Value: { Ref: 'AWS::Region' } },
      { Name: 'Rule', Value: 'ALL' },
      { Name: 'WebACL', Value: `${stack.stackName}-api` },
    ];
    expect(alarmOn('AWS/WAFV2', 'BlockedRequests', dims)).toMatchObject({
      Statistic: 'Sum',
      Period: 300,
      Threshold: 100,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('are exactly these, each named after the stack and explaining what it means and what to do', () => {
    expect(alarms).toHaveLength(2 * deployed.length + queueIds.length + 3);
    for (const alarm of alarms) {
      expect(alarm.AlarmName).toMatch(new RegExp(`^${stack.stackName}-[a-z0-9-]+$`));
      expect(alarm.AlarmDescription.length).toBeGreaterThan(100);
    }
    expect(new Set(alarms.map((alarm) => alarm.AlarmName)).size).toBe(alarms.length);
  });

  it("notify the stack's topic when they fire and when they clear", () => {
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([topicRef]);
      expect(alarm.OKActions).toEqual([topicRef]);
    }
  });
});

describe('the failure path of the scheduled statistics refresh', () => {
  const job = stack.jobs.byName.get('stats-refresh')!;
  const fnId = logicalIdOf(job.fn.lambda);

  it('sends failed invocations to a queue that has an alarm notifying the topic', () => {
    const config = ofType(resources, 'AWS::Lambda::EventInvokeConfig').find(([, r]) => r.Properties.FunctionName.Ref === fnId)?.[1];
    const destination = config!.Properties.DestinationConfig.OnFailure.Destination;
    const [queueId] = destination['Fn::GetAtt'];
    expect(resources[queueId]!.Type).toBe('AWS::SQS::Queue');
    const alarm = alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]);
    expect(alarm).toMatchObject({ ...fireOnFirst, AlarmActions: [topicRef] });
  });

  it('sends events it could not deliver to a queue that has an alarm notifying the topic', () => {
    const rule = resources[logicalIdOf(job.rule)]!.Properties;
    const [queueId] = rule.Targets[0].DeadLetterConfig.Arn['Fn::GetAtt'];
    const alarm = alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]);
    expect(alarm).toMatchObject({ ...fireOnFirst, AlarmActions: [topicRef] });
  });
});

describe("the stack's alarm topic", () => {
  const [topicEntry, ...otherTopics] = ofType(resources, 'AWS::SNS::Topic');
  const [topicId, topic] = topicEntry!;
  const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
  const policy = ofType(resources, 'AWS::SNS::TopicPolicy').find(([, r]) => r.Properties.Topics[0].Ref === topicId)?.[1];

  it('is encrypted with a rotated key of its own that lets CloudWatch make data keys (aws/sns would not)', () => {
    expect(otherTopics).toEqual([]);
    const key = resources[keyId]!.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });

  it('takes TLS only, and publications from this account\'s alarms', () => {
    const statements = policy!.Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allow = statements.find((s: any) => s.Effect === 'Allow');
    expect(allow).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(JSON.stringify(allow.Condition.ArnLike['aws:SourceArn'])).toContain(':alarm:*');
  });

  it('has no subscription unless an address is given', () => {
    expect(ofType(resources, 'AWS::SNS::Subscription')).toEqual([]);
  });

  it('subscribes alarmEmail, from the stack props or the context', () => {
    const fromProps = synthesizeRegistry({ stackProps: { alarmEmail: 'ops@example.org' } });
    const fromContext = synthesizeRegistry({ context: { alarmEmail: 'oncall@example.org' } });
    for (const [synth, email] of [[fromProps, 'ops@example.org'], [fromContext, 'oncall@example.org']] as const) {
      const subscriptions = ofType(synth.resources, 'AWS::SNS::Subscription').map(([, r]) => r.Properties);
      expect(subscriptions).toEqual([
        expect.objectContaining({ Protocol: 'email', Endpoint: email, TopicArn: { Ref: logicalIdOf(synth.stack.alarmTopic) } }),
      ]);
    }
    expect(() => createApp({ bundle: false, stackProps: { alarmEmail: 'not an address' } })).toThrow(/alarmEmail/);
  });
});

describe('brought along', () => {
  it('alarmTopicArn: no topic or key is created, every alarm notifies that topic, alarmEmail subscribes to it', () => {
    const topicArn = 'arn:aws:sns:eu-central-1:123456789012:registry-alarms';
    const own = synthesizeRegistry({ stackProps: { alarmTopicArn: topicArn, alarmEmail: 'ops@example.org' } });
    expect(ofType(own.resources, 'AWS::SNS::Topic')).toEqual([]);
    expect(ofType(own.resources, 'AWS::KMS::Key')).toEqual([]);
    const notified = alarmsOf(own.resources);
    expect(notified).toHaveLength(alarms.length);
    for (const alarm of notified) {
      expect(alarm.AlarmActions).toEqual([topicArn]);
      expect(alarm.OKActions).toEqual([topicArn]);
    }
    expect(ofType(own.resources, 'AWS::SNS::Subscription').map(([, r]) => r.Properties)).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: 'ops@example.org', TopicArn: topicArn }),
    ]);
  });

  it('webAclArn: the WAF alarm watches that ACL, by the name in its ARN', () => {
    const arn = 'arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/shared-acl/0a1b2c3d';
    const own = alarmsOf(synthesizeRegistry({ stackProps: { webAclArn: arn } }).resources);
    const waf = own.filter((alarm) => alarm.Namespace === 'AWS/WAFV2');
    expect(waf).toHaveLength(1);
    expect(waf[0].Dimensions).toContainEqual({ Name: 'WebACL', Value: 'shared-acl' });
  });

  it('webAclArn as a token: no name to watch, so no WAF alarm (and the rest unchanged)', () => {
    const own = alarmsOf(synthesizeRegistry({ stackProps: { webAclArn: Fn.importValue('SharedWebAclArn') } }).resources);
    expect(own.filter((alarm) => alarm.Namespace === 'AWS/WAFV2')).toEqual([]);
    expect(own).toHaveLength(alarms.length - 1);
  });
});

describe('the statistics alarm and the refresh period', () => {
  it('looks at two periods of the statsRefreshPeriod', () => {
    const hourly = alarmsOf(synthesizeRegistry({ stackProps: { statsRefreshPeriod: Duration.hours(1) } }).resources);
    expect(hourly.find((alarm) => alarm.MetricName === 'RefreshSucceeded')).toMatchObject({ Period: 7200 });
  });

  it("refuses a period whose two periods exceed CloudWatch's 7 days", () => {
    expect(() => createApp({ bundle: false, stackProps: { statsRefreshPeriod: Duration.days(4) } })).toThrow(/two refresh periods/);
  });
});

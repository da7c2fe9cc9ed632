import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';

/** The context key (`-c alarmEmail=ops@example.org`, or cdk.json) for the address to notify. */
export const ALARM_EMAIL_CONTEXT_KEY = 'alarmEmail';

export interface AlarmTopicProps {
  /** Subscribed by email (AWS sends a confirmation link first). @default none */
  readonly email?: string;
}

/**
 * The SNS topic every alarm notifies, when it fires and when it clears. TLS only, and encrypted at
 * rest with a key of its own: CloudWatch cannot publish to a topic under the AWS-managed aws/sns
 * key, whose policy nobody can change to let it use the key. Only this account's alarms may
 * publish.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new Key(this, 'Key', {
      description: `Encrypts the alarm notifications of ${stack.stackName}`,
      enableKeyRotation: true,
      // It only ever encrypts notifications on their way to subscribers: once the topic is gone,
      // nothing it encrypted remains, so a retained key would only cost a month's fee, forever.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // The topic's policy decides which alarms may publish; the key only has to let CloudWatch
    // make the data key SNS encrypts each notification with.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsMayEncryptNotifications',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'Exchange Registry alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    // enforceSSL gives the topic a policy of its own, which replaces SNS's default one: without
    // this statement CloudWatch could no longer publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AlarmsOfThisAccountMayPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    if (props.email) subscribeEmail(this.topic, props.email);
  }
}

/** An email subscription, on the stack's topic or on one brought along. */
export function subscribeEmail(topic: ITopic, email: string): void {
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`alarmEmail must be an email address; got ${JSON.stringify(email)}`);
  topic.addSubscription(new EmailSubscription(email));
}

/** The address to notify: the stack property, else the context value, else none. */
export function alarmEmailOf(scope: IConstruct, email?: string): string | undefined {
  const raw: unknown = email ?? scope.node.tryGetContext(ALARM_EMAIL_CONTEXT_KEY);
  if (raw === undefined || raw === null || raw === '') return undefined;
  return String(raw).trim();
}

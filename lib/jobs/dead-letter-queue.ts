import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A queue that only collects what failed, for a person to inspect and redrive: encrypted with
 * SQS-managed keys, TLS only, messages kept for the SQS maximum of 14 days.
 *
 * SSE-SQS rather than KMS: EventBridge cannot send to a queue under the AWS-managed aws/sqs key,
 * and a customer-managed key (with a key policy for EventBridge and Lambda) would cost a key per
 * month for messages that hold only a scheduled event and an error message, no personal data.
 */
export function deadLetterQueue(scope: Construct, id: string, holds: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      `This queue is itself a dead-letter queue (${holds}); it is the last stop, nothing ` +
      'consumes it automatically, and an alarm fires on its first message, so a further ' +
      'dead-letter queue behind it would never receive anything.',
  });
  return queue;
}

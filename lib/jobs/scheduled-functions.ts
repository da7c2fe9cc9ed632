import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { lambdaFunctions, scheduledFunctionNames, type FunctionName, type LambdaFunctionSpec } from '../../lambdas/routes';
import { keyPrefixes } from '../../lambdas/store/key-prefixes';
import { constructIdOf } from '../function/construct-id';
import { RegistryFunction } from '../function/registry-function';
import { deadLetterQueue } from './dead-letter-queue';

/** Attempts after the first, by EventBridge (delivery) and by Lambda (failed runs) alike. */
export const SCHEDULE_RETRY_ATTEMPTS = 2;

/**
 * Lambda waits 1 and then 2 minutes between its retries; an event must live long enough for
 * both even when the period is shorter.
 */
const MIN_EVENT_AGE = Duration.minutes(5);

export interface ScheduledFunctionsProps {
  /** How often each scheduled function runs (whole minutes). */
  readonly period: Duration;
  /** Functions already deployed for the API: a scheduled function among them is reused. */
  readonly existing: ReadonlyMap<FunctionName, RegistryFunction>;
  /** For a scheduled function that no route names, which is then created here. */
  readonly table: ITableV2;
  readonly corsOrigins: readonly string[];
  /** @default every function of lambdaFunctions (lambdas/routes.ts) marked `scheduled` */
  readonly names?: readonly FunctionName[];
}

export interface ScheduledFunction {
  readonly fn: RegistryFunction;
  readonly rule: Rule;
  /** Scheduled events that EventBridge could not deliver to Lambda after its retries. */
  readonly undeliveredEvents: Queue;
  /** Invocations whose every attempt failed (or that expired), as Lambda's failure records. */
  readonly failedInvocations: Queue;
}

/**
 * Runs every scheduled function every period: an EventBridge rule sends it the plain scheduled
 * event. The function that serves the API route is the one that runs on the schedule (one
 * handler, two callers). Failures go somewhere visible at both hops:
 *   rule → Lambda: EventBridge retries the delivery, then puts the event in `UndeliveredEvents`;
 *   the run itself: Lambda retries the failed invocation, then sends a failure record to
 *   `FailedInvocations` (an on-failure destination, which records the error, unlike a Lambda DLQ).
 * Events older than a period are dropped to the queues instead of run late: the next scheduled
 * run does the same work.
 */
export class ScheduledFunctions extends Construct {
  readonly byName: ReadonlyMap<FunctionName, ScheduledFunction>;
  /** Only the functions that this construct created (scheduled, but named by no route). */
  readonly created: ReadonlyMap<FunctionName, RegistryFunction>;

  constructor(scope: Construct, id: string, props: ScheduledFunctionsProps) {
    super(scope, id);
    const names = props.names ?? scheduledFunctionNames();
    const created = new Map<FunctionName, RegistryFunction>();

    this.byName = new Map(
      names.map((name): [FunctionName, ScheduledFunction] => {
        const spec: LambdaFunctionSpec = lambdaFunctions[name];
        const job = new Construct(this, constructIdOf(name));
        const failedInvocations = deadLetterQueue(
          job,
          'FailedInvocations',
          `failure records of scheduled ${name} runs`,
        );
        const undeliveredEvents = deadLetterQueue(
          job,
          'UndeliveredEvents',
          `scheduled events for ${name} that EventBridge could not deliver`,
        );
        const asyncInvocation = {
          retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
          maxEventAge: clamp(props.period, MIN_EVENT_AGE, Duration.hours(6)),
          failureQueue: failedInvocations,
        };

        let fn = props.existing.get(name);
        if (fn) {
          fn.configureAsyncInvocation(asyncInvocation);
        } else {
          fn = new RegistryFunction(job, 'Function', {
            entry: spec.entry,
            description: spec.description,
            corsOrigins: props.corsOrigins,
            asyncInvocation,
          });
          fn.bindTable(props.table, spec.tableAccess, keyPrefixes[name]);
          created.set(name, fn);
        }

        const rule = new Rule(job, 'Schedule', {
          description: `Runs ${name} every ${props.period.toHumanString()}`,
          schedule: Schedule.rate(props.period),
          targets: [
            new LambdaFunction(fn.lambda, {
              retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
              maxEventAge: clamp(props.period, MIN_EVENT_AGE, Duration.hours(24)),
              deadLetterQueue: undeliveredEvents,
            }),
          ],
        });
        return [name, { fn, rule, undeliveredEvents, failedInvocations }];
      }),
    );
    this.created = created;
  }
}

function clamp(value: Duration, min: Duration, max: Duration): Duration {
  const seconds = Math.min(Math.max(value.toSeconds(), min.toSeconds()), max.toSeconds());
  return Duration.seconds(seconds);
}

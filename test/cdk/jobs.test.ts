import { App, Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { lambdaFunctions, routes, scheduledFunctionNames, type FunctionName } from '../../lambdas/routes';
import { createApp } from '../../lib/app-factory';
import { refreshPeriodOf } from '../../lib/jobs/refresh-period';
import { logicalIdOf, synthesizeRegistry, type SynthesizedRegistry } from './support/registry-template';

const registry = synthesizeRegistry();
const { stack, resources } = registry;
const scheduled = scheduledFunctionNames();

const ofType = (r: SynthesizedRegistry['resources'], type: string) =>
  Object.entries(r).filter(([, resource]) => resource.Type === type);

const arnOf = (construct: Parameters<typeof logicalIdOf>[0]) => ({
  'Fn::GetAtt': [logicalIdOf(construct), 'Arn'],
});

/** The rule that targets a function, and the resources around it, in a synthesized registry. */
function scheduleOf({ stack, resources }: SynthesizedRegistry, name: FunctionName) {
  const job = stack.jobs.byName.get(name);
  if (!job) throw new Error(`no schedule for ${name}`);
  const rule = resources[logicalIdOf(job.rule)]!.Properties;
  const invokeConfig = ofType(resources, 'AWS::Lambda::EventInvokeConfig').find(
    ([, r]) => r.Properties.FunctionName.Ref === logicalIdOf(job.fn.lambda),
  )?.[1].Properties;
  return { job, rule, invokeConfig };
}

describe('the functions marked scheduled in the route table', () => {
  it('include stats-refresh, which also serves POST /stats/refresh', () => {
    expect(scheduled).toContain('stats-refresh');
    expect(routes.some((r) => r.fn === 'stats-refresh' && r.path === '/stats/refresh')).toBe(true);
  });

  it('each get one schedule rule, and nothing else does', () => {
    expect([...stack.jobs.byName.keys()].sort()).toEqual([...scheduled].sort());
    expect(ofType(resources, 'AWS::Events::Rule')).toHaveLength(scheduled.length);
  });
});

describe.each(scheduled)('schedule of %s', (name) => {
  const { job, rule, invokeConfig } = scheduleOf(registry, name);

  it('runs every 15 minutes by default, enabled', () => {
    expect(rule.ScheduleExpression).toBe('rate(15 minutes)');
    expect(rule.State).toBe('ENABLED');
  });

  it('targets the very function that the API route uses, with the plain scheduled event', () => {
    expect(job.fn).toBe(stack.functions.byName.get(name));
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0].Arn).toEqual(arnOf(job.fn.lambda));
    expect(rule.Targets[0].Input).toBeUndefined();
    expect(rule.Targets[0].InputTransformer).toBeUndefined();
  });

  it('may invoke it: EventBridge has a Lambda permission scoped to the rule', () => {
    const permissions = ofType(resources, 'AWS::Lambda::Permission').map(([, r]) => r.Properties);
    expect(permissions).toContainEqual(
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        FunctionName: arnOf(job.fn.lambda),
        SourceArn: arnOf(job.rule),
      }),
    );
  });

  it('retries delivery twice, gives up after one period, then dead-letters the event', () => {
    expect(rule.Targets[0].RetryPolicy).toEqual({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 900,
    });
    expect(rule.Targets[0].DeadLetterConfig).toEqual({ Arn: arnOf(job.undeliveredEvents) });
  });

  it('lets only this rule send to the undelivered-events queue', () => {
    const policy = ofType(resources, 'AWS::SQS::QueuePolicy').find(
      ([, r]) => r.Properties.Queues[0].Ref === logicalIdOf(job.undeliveredEvents),
    )![1].Properties.PolicyDocument;
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': arnOf(job.rule) } },
      }),
    );
  });

  it('retries a failed run twice, then sends the failure record to a queue', () => {
    expect(invokeConfig).toMatchObject({
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 900,
      DestinationConfig: { OnFailure: { Destination: arnOf(job.failedInvocations) } },
    });
  });

  it("lets the function's role send to its failure queue", () => {
    const statements = ofType(resources, 'AWS::IAM::Policy')
      .filter(([, r]) => r.Properties.Roles.some((role: any) => role.Ref === logicalIdOf(job.fn.role)))
      .flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: expect.arrayContaining(['sqs:SendMessage']),
        Resource: arnOf(job.failedInvocations),
      }),
    );
  });

  it.each(['undeliveredEvents', 'failedInvocations'] as const)(
    'keeps %s 14 days, encrypted, over TLS only',
    (queueName) => {
      const queue = job[queueName];
      const properties = resources[logicalIdOf(queue)]!.Properties;
      expect(properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      expect(properties.SqsManagedSseEnabled ?? properties.KmsMasterKeyId).toBeTruthy();
      const policy = ofType(resources, 'AWS::SQS::QueuePolicy').find(
        ([, r]) => r.Properties.Queues[0].Ref === logicalIdOf(queue),
      )![1].Properties.PolicyDocument;
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sqs:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    },
  );
});

describe('the API functions that are not scheduled', () => {
  it('keep Lambda defaults for asynchronous invocation (no EventInvokeConfig)', () => {
    const configured = ofType(resources, 'AWS::Lambda::EventInvokeConfig').map(
      ([, r]) => r.Properties.FunctionName.Ref,
    );
    const expected = scheduled.map((name) => logicalIdOf(stack.jobs.byName.get(name)!.fn.lambda));
    expect(configured.sort()).toEqual(expected.sort());
  });
});

describe('schedule period', () => {
  it('comes from the statsRefreshPeriod stack property', () => {
    const hourly = synthesizeRegistry({ stackProps: { statsRefreshPeriod: Duration.hours(1) } });
    for (const name of scheduled) {
      const { rule, invokeConfig } = scheduleOf(hourly, name);
      expect(rule.ScheduleExpression).toBe('rate(1 hour)');
      // An event older than a period is superseded by the next run.
      expect(rule.Targets[0].RetryPolicy.MaximumEventAgeInSeconds).toBe(3600);
      expect(invokeConfig.MaximumEventAgeInSeconds).toBe(3600);
    }
  });

  it('else from the statsRefreshMinutes context, else 15 minutes', () => {
    const period = (context: Record<string, unknown>, prop?: Duration) =>
      refreshPeriodOf(new App({ context }), prop).toMinutes();
    expect(period({})).toBe(15);
    expect(period({ statsRefreshMinutes: '30' })).toBe(30);
    expect(period({ statsRefreshMinutes: 5 })).toBe(5);
    expect(period({ statsRefreshMinutes: '30' }, Duration.minutes(10))).toBe(10);
  });

  it('must be whole minutes, at least one', () => {
    expect(() => refreshPeriodOf(new App(), Duration.seconds(90))).toThrow(/whole number of minutes/);
    expect(() => refreshPeriodOf(new App({ context: { statsRefreshMinutes: '0' } }))).toThrow(
      /statsRefreshMinutes/,
    );
    expect(() => refreshPeriodOf(new App({ context: { statsRefreshMinutes: 'soon' } }))).toThrow(
      /statsRefreshMinutes/,
    );
  });

  it('keeps events long enough for both Lambda retries when the period is short', () => {
    const often = synthesizeRegistry({ stackProps: { statsRefreshPeriod: Duration.minutes(1) } });
    const { rule, invokeConfig } = scheduleOf(often, scheduled[0]!);
    expect(rule.ScheduleExpression).toBe('rate(1 minute)');
    expect(invokeConfig.MaximumEventAgeInSeconds).toBeGreaterThanOrEqual(300);
  });
});

describe('a scheduled function that no route names', () => {
  const name = scheduled[0]!;
  const { app, stack } = createApp({
    bundle: false,
    stackProps: { routes: routes.filter((route) => route.fn !== name) },
  });
  const assembly = app.synth(); // cdk-nag runs here: must find nothing unacknowledged
  const template = assembly.getStackArtifact(stack.artifactId).template;
  const unrouted = { stack, resources: template.Resources } as unknown as SynthesizedRegistry;

  it('is deployed by the jobs construct, bound to the table with its access', () => {
    expect(stack.functions.byName.has(name)).toBe(false);
    const fn = stack.jobs.created.get(name)!;
    expect(fn).toBeDefined();
    expect(stack.deployedFunctions.get(name)).toBe(fn);
    const properties = template.Resources[logicalIdOf(fn.lambda)].Properties;
    expect(properties.Description).toBe(lambdaFunctions[name].description);
    expect(properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: logicalIdOf(stack.data.table) });
  });

  it('is scheduled, retried and dead-lettered the same way', () => {
    const { job, rule, invokeConfig } = scheduleOf(unrouted, name);
    expect(rule.Targets[0].Arn).toEqual(arnOf(job.fn.lambda));
    expect(rule.Targets[0].DeadLetterConfig).toEqual({ Arn: arnOf(job.undeliveredEvents) });
    expect(invokeConfig).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arnOf(job.failedInvocations) } },
    });
  });
});

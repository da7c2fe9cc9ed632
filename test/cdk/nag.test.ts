import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../lib/app-factory';

describe('cdk-nag AWS Solutions checks', () => {
  it('find nothing unacknowledged in the app', () => {
    const { app } = createApp({ bundle: false });
    expect(() => app.synth()).not.toThrow();
  });

  it('are live: a finding fails synthesis', () => {
    const { app, stack } = createApp({ bundle: false });
    new Role(stack, 'AdminRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4\[Policy::.*AdministratorAccess\]/);
  });
});

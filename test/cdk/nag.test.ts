import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../lib/app-factory';

describe('cdk-nag AWS Solutions checks', () => {
  it('find nothing unacknowledged in the app', () => {
    const { app } = createApp({ bundle: false });
    expect(() => app.synth()).not.toThrow();
  });

  it('accept the stage once a web ACL is attached (APIG3 then needs no acknowledgment)', () => {
    const { app, stack } = createApp({
      bundle: false,
      stackProps: {
        webAclArn: 'arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/registry/abc',
      },
    });
    const assembly = app.synth();
    const resources = Object.values(assembly.getStackArtifact(stack.artifactId).template.Resources);
    expect(resources.map((r: any) => r.Type)).toContain('AWS::WAFv2::WebACLAssociation');
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

import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createApp } from '../../lib/app-factory';

// Apps built without an outdir write to the temp directory; a test worker never exits the way CDK's own cleanup needs.
afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

describe('cdk-nag AWS Solutions checks', () => {
  it('find nothing unacknowledged in the app', () => {
    const { app } = createApp({ bundle: false });
    expect(() => app.synth()).not.toThrow();
  });

  it("accept the stage with the stack's own web ACL associated", () => {
    const { app, stack } = createApp({ bundle: false });
    const assembly = app.synth();
    const resources = Object.values(assembly.getStackArtifact(stack.artifactId).template.Resources);
    expect(resources.map((r: any) => r.Type)).toEqual(
      expect.arrayContaining(['AWS::WAFv2::WebACL', 'AWS::WAFv2::WebACLAssociation']),
    );
  });

  it('accept the stage with a web ACL brought along (webAclArn)', () => {
    const { app, stack } = createApp({
      bundle: false,
      stackProps: {
        webAclArn: 'arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/registry/abc',
      },
    });
    const assembly = app.synth();
    const resources = Object.values(assembly.getStackArtifact(stack.artifactId).template.Resources);
    expect(resources.map((r: any) => r.Type)).toContain('AWS::WAFv2::WebACLAssociation');
    expect(resources.map((r: any) => r.Type)).not.toContain('AWS::WAFv2::WebACL');
  });

  it('acknowledge no stage without a web ACL: APIG3 is checked, not suppressed', () => {
    const { app, stack } = createApp({ bundle: false });
    expect(stack.api.node.tryRemoveChild(stack.api.webAclAssociation.node.id)).toBe(true);
    expect(() => app.synth()).toThrow(/AwsSolutions-APIG3/);
  });

  it('are live: a finding fails synthesis', () => {
    const { app, stack } = createApp({ bundle: false });
    new Role(stack, 'AdminRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4\[Policy::.*AdministratorAccess\]/);
  });

  it('acknowledge SQS3 only on the dead-letter queues themselves, not on any queue', () => {
    const { app, stack } = createApp({ bundle: false });
    new Queue(stack, 'WorkQueue', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});

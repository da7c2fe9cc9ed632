import { Fn } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { webAclNameOf } from '../../lib/api/api-web-acl';
import { createApp } from '../../lib/app-factory';
import { evaluateString } from './support/intrinsics';
import { logicalIdOf, synthesizeRegistry, type SynthesizedRegistry } from './support/registry-template';

const registry = synthesizeRegistry();
const { stack, resources } = registry;
const ofType = (r: SynthesizedRegistry['resources'], type: string) =>
  Object.entries(r).filter(([, resource]) => resource.Type === type);

const [aclEntry, ...otherAcls] = ofType(resources, 'AWS::WAFv2::WebACL');
const [aclId, acl] = aclEntry!;
const rules: any[] = acl.Properties.Rules;
const ruleNamed = (name: string) => rules.find((rule) => rule.Name === name);

describe("the stack's web ACL", () => {
  it('is one regional ACL that allows what no rule blocks', () => {
    expect(otherAcls).toEqual([]);
    expect(acl.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} }, Name: `${stack.stackName}-api` });
  });

  it('is associated with the API stage', () => {
    const associations = ofType(resources, 'AWS::WAFv2::WebACLAssociation').map(([, r]) => r.Properties);
    expect(associations).toHaveLength(1);
    expect(associations[0].WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(evaluateString(associations[0].ResourceArn)).toBe(
      `arn:aws:apigateway:eu-central-1::/restapis/<${logicalIdOf(stack.api.api)}>/stages/<${logicalIdOf(stack.api.api.deploymentStage)}>`,
    );
  });

  it('blocks an IP over 1,000 requests in 5 minutes, before any other rule', () => {
    expect(ruleNamed('RateLimitPerIp')).toMatchObject({
      Priority: 0,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
    });
  });

  it.each(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'])(
    'applies the AWS managed rule group %s with its own actions',
    (group) => {
      const rule = ruleNamed(group);
      expect(rule.OverrideAction).toEqual({ None: {} });
      expect(rule.Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS', Name: group });
      expect(rule.Priority).toBeGreaterThan(0);
    },
  );

  it('only counts SizeRestrictions_BODY (bodies over 8 KB: writes take 64 KiB, a reconciliation 1 MiB), and nothing else', () => {
    const overrides = rules.flatMap((rule) => rule.Statement.ManagedRuleGroupStatement?.RuleActionOverrides ?? []);
    expect(overrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
    expect(ruleNamed('AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual(overrides);
    // No rule group's rules excluded wholesale either.
    expect(JSON.stringify(rules)).not.toContain('ExcludedRules');
  });

  it('has distinct priorities, and CloudWatch metrics and sampled requests on the ACL and every rule', () => {
    expect(new Set(rules.map((rule) => rule.Priority)).size).toBe(rules.length);
    expect(rules.map((rule) => rule.Name).sort()).toEqual(
      ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'RateLimitPerIp'].sort(),
    );
    for (const config of [acl.Properties.VisibilityConfig, ...rules.map((rule) => rule.VisibilityConfig)]) {
      expect(config).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
      expect(config.MetricName).toMatch(/^[\w-]{1,128}$/);
    }
    // The WAF alarm and dashboard use the ACL's metric name as the WebACL dimension.
    expect(acl.Properties.VisibilityConfig.MetricName).toBe(stack.webAcl!.name);
  });

  describe('logging', () => {
    const [loggingEntry, ...others] = ofType(resources, 'AWS::WAFv2::LoggingConfiguration');
    const logging = loggingEntry![1];
    const logGroupId = logicalIdOf(stack.webAcl!.logGroup);
    const logGroup = resources[logGroupId]!.Properties;

    it('logs the ACL to a log group named aws-waf-logs-…, unique to this deployment, kept a month', () => {
      expect(others).toEqual([]);
      expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
      expect(evaluateString(logGroup.LogGroupName)).toMatch(/^aws-waf-logs-ExchangeRegistryStack-api-/);
      // The stack id's unique part, so a retained group of a deleted stack cannot collide.
      expect(JSON.stringify(logGroup.LogGroupName)).toContain('AWS::StackId');
      expect(logGroup.RetentionInDays).toBe(30);
    });

    it("names the group by an ARN without LogGroup.logGroupArn's ':*', which WAF refuses", () => {
      expect(logging.Properties.LogDestinationConfigs).toHaveLength(1);
      expect(evaluateString(logging.Properties.LogDestinationConfigs[0])).toBe(
        `arn:aws:logs:eu-central-1:123456789012:log-group:<${logGroupId}>`,
      );
    });

    it('redacts the Authorization header (the bearer token)', () => {
      expect(logging.Properties.RedactedFields).toEqual([{ SingleHeader: { Name: 'authorization' } }]);
    });
  });

  it('takes its rate limit from webAclRateLimitPerIp', () => {
    const custom = synthesizeRegistry({ stackProps: { webAclRateLimitPerIp: 300 } });
    const customAcl = ofType(custom.resources, 'AWS::WAFv2::WebACL')[0]![1];
    const rate = customAcl.Properties.Rules.find((rule: any) => rule.Name === 'RateLimitPerIp');
    expect(rate.Statement.RateBasedStatement.Limit).toBe(300);
  });

  it('refuses a rate limit WAF would refuse', () => {
    for (const limit of [5, 10.5, 3_000_000_000]) {
      expect(() => createApp({ bundle: false, stackProps: { webAclRateLimitPerIp: limit } })).toThrow(/rateLimitPerIp/);
    }
  });
});

describe('a web ACL brought along (webAclArn)', () => {
  const arn = 'arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/shared-acl/0a1b2c3d';
  const own = synthesizeRegistry({ stackProps: { webAclArn: arn } });

  it('is associated with the stage instead, and the stack creates no ACL and no WAF logging', () => {
    expect(own.stack.webAcl).toBeUndefined();
    expect(ofType(own.resources, 'AWS::WAFv2::WebACL')).toEqual([]);
    expect(ofType(own.resources, 'AWS::WAFv2::LoggingConfiguration')).toEqual([]);
    const associations = ofType(own.resources, 'AWS::WAFv2::WebACLAssociation').map(([, r]) => r.Properties);
    expect(associations).toHaveLength(1);
    expect(associations[0].WebACLArn).toBe(arn);
  });

  it('cannot be combined with webAclRateLimitPerIp, which only the stack ACL has', () => {
    expect(() => createApp({ bundle: false, stackProps: { webAclArn: arn, webAclRateLimitPerIp: 500 } })).toThrow(
      /webAclRateLimitPerIp/,
    );
  });

  it("gives its name from a literal ARN, and none from a token", () => {
    expect(webAclNameOf(arn)).toBe('shared-acl');
    expect(webAclNameOf(Fn.importValue('SharedWebAclArn'))).toBeUndefined();
    expect(webAclNameOf('arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0a1b')).toBeUndefined();
  });
});

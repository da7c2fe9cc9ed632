import { describe, expect, it } from 'vitest';
import { roleGroups } from '../../lambdas/routes';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const { stack, template, resources } = synthesizeRegistry();
const userPoolId = logicalIdOf(stack.identity.userPool);
const userPool = resources[userPoolId]!;

describe('user pool', () => {
  it('admits only users that an administrator creates', () => {
    expect(userPool.Properties.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
  });

  it('requires TOTP MFA and no SMS', () => {
    expect(userPool.Properties.MfaConfiguration).toBe('ON');
    expect(userPool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('requires long passwords with every character class', () => {
    const policy = userPool.Properties.Policies.PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
  });

  it('enforces threat protection on the Plus tier', () => {
    expect(userPool.Properties.UserPoolTier).toBe('PLUS');
    expect(userPool.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  it('survives stack deletion', () => {
    expect(userPool.DeletionPolicy).toBe('Retain');
    expect(userPool.Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('has one group per role of the route table', () => {
    const groups = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup');
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual(
      Object.values(roleGroups).sort(),
    );
    for (const group of groups) expect(group.Properties.UserPoolId).toEqual({ Ref: userPoolId });
  });

  it('has a public app client that gets tokens by SRP or by password', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const client = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')!;
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH']),
    );
  });
});

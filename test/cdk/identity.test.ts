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
});

const clientOf = (resources: Record<string, { Type: string; Properties?: any }>) =>
  Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')!.Properties;

describe('app client', () => {
  const client = clientOf(resources);

  it('is the only one, and public', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    expect(client.GenerateSecret).toBe(false);
  });

  it('gets tokens by SRP only, and refreshes them', () => {
    expect([...client.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('takes no part in OAuth without callback URLs: no flows, no placeholder URLs', () => {
    expect(client.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.AllowedOAuthScopes).toBeUndefined();
    expect(client.CallbackURLs).toBeUndefined();
    expect(client.LogoutURLs).toBeUndefined();
  });
});

describe('app client with callback URLs', () => {
  const callbacks = ['https://app.example.org/signed-in', 'http://localhost:5173/signed-in'];
  const withCallbacks = synthesizeRegistry({ stackProps: { oAuthCallbackUrls: callbacks } });
  const client = clientOf(withCallbacks.resources);

  it('offers the authorization code flow back to exactly those URLs', () => {
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.CallbackURLs).toEqual(callbacks);
    expect(client.AllowedOAuthScopes).toEqual(['openid']);
  });

  it('still gets tokens otherwise by SRP only', () => {
    expect([...client.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('passes cdk-nag', () => {
    expect(() => withCallbacks.app.synth()).not.toThrow();
  });
});

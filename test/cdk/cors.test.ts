import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { corsOriginsFromContext } from '../../lib/cors-origins';
import { evaluateString } from './support/intrinsics';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const originsFrom = (corsOrigins: unknown) =>
  corsOriginsFromContext(new App({ context: { corsOrigins } }));

describe('CORS origins from context', () => {
  it('reads the JSON array of cdk.json', () => {
    expect(originsFrom(['https://a.example', 'https://b.example'])).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('reads a -c value given as a JSON array or as a comma-separated list', () => {
    expect(originsFrom('["https://a.example"]')).toEqual(['https://a.example']);
    expect(originsFrom('https://a.example, https://b.example')).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('falls back to the local server when nothing is configured', () => {
    expect(corsOriginsFromContext(new App())).toEqual(['http://localhost:3000']);
  });
});

describe('CORS preflight', () => {
  const { stack, resources } = synthesizeRegistry({
    stackProps: { corsOrigins: ['https://a.example', 'https://b.example'] },
  });
  const preflights = Object.values(resources).filter(
    (r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod === 'OPTIONS',
  );
  const resourceCount = Object.values(resources).filter(
    (r) => r.Type === 'AWS::ApiGateway::Resource',
  ).length;

  it('is answered by API Gateway on every resource, including the root', () => {
    expect(preflights).toHaveLength(resourceCount + 1);
    for (const preflight of preflights) {
      expect(preflight.Properties.AuthorizationType).toBe('NONE');
      expect(preflight.Properties.Integration.Type).toBe('MOCK');
    }
  });

  it('allows the contract methods and headers, exposes ETag and Location, admits only listed origins', () => {
    const integration = preflights[0]!.Properties.Integration.IntegrationResponses[0];
    expect(integration.ResponseParameters).toMatchObject({
      'method.response.header.Access-Control-Allow-Methods': "'GET,POST,PATCH,DELETE,OPTIONS'",
      'method.response.header.Access-Control-Allow-Headers':
        "'Authorization,Content-Type,If-Match,Idempotency-Key'",
      'method.response.header.Access-Control-Expose-Headers': expect.stringMatching(/^'ETag,Location\b/),
      'method.response.header.Access-Control-Allow-Origin': "'https://a.example'",
    });
    expect(evaluateString(integration.ResponseTemplates['application/json'])).toContain('$origin == "https://b.example"');
  });

  it("passes the origins, then the dashboard's, to every function as CORS_ORIGINS", () => {
    for (const fn of stack.deployedFunctions.values()) {
      const variables = resources[logicalIdOf(fn.lambda)]!.Properties.Environment.Variables;
      expect(evaluateString(variables.CORS_ORIGINS)).toBe(
        `https://a.example,https://b.example,https://<${logicalIdOf(stack.dashboard.distribution)}.DomainName>`,
      );
    }
  });

  it("admits the dashboard's origin in the preflight too", () => {
    const template = evaluateString(preflights[0]!.Properties.Integration.IntegrationResponses[0].ResponseTemplates['application/json']);
    expect(template).toContain(`$origin == "https://<${logicalIdOf(stack.dashboard.distribution)}.DomainName>"`);
  });
});

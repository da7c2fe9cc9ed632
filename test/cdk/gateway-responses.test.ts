import { describe, expect, it } from 'vitest';
import { synthesizeRegistry } from './support/registry-template';

const { resources } = synthesizeRegistry();
const responses = new Map(
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGateway::GatewayResponse')
    .map((r) => [r.Properties.ResponseType as string, r.Properties]),
);

/** API Gateway's own answers and what the contract (API.md "Errors") makes of them. */
const expected: ReadonlyArray<[type: string, status: string, code: string]> = [
  // REST API's answer to an unknown path or a method the path lacks.
  ['MISSING_AUTHENTICATION_TOKEN', '404', 'not_found'],
  ['RESOURCE_NOT_FOUND', '404', 'not_found'],
  ['UNAUTHORIZED', '401', 'unauthorized'],
  ['EXPIRED_TOKEN', '401', 'unauthorized'],
  ['INVALID_SIGNATURE', '401', 'unauthorized'],
  ['ACCESS_DENIED', '403', 'forbidden'],
  ['REQUEST_TOO_LARGE', '413', 'payload_too_large'],
  ['UNSUPPORTED_MEDIA_TYPE', '415', 'unsupported_media_type'],
  ['THROTTLED', '429', 'throttled'],
  ['QUOTA_EXCEEDED', '429', 'throttled'],
  ['INTEGRATION_FAILURE', '503', 'unavailable'],
  ['INTEGRATION_TIMEOUT', '503', 'unavailable'],
  ['DEFAULT_5XX', '500', 'internal'],
  // Any other request API Gateway refuses: a 400 with a code of the contract.
  ['DEFAULT_4XX', '400', 'validation_failed'],
];

/** Renders the VTL template the way API Gateway would for the variables it uses. */
function render(template: string): unknown {
  return JSON.parse(
    template
      .replace('$context.error.messageString', '"Some message"')
      .replace('$context.requestId', 'abc-123'),
  );
}

describe('gateway responses', () => {
  it.each(expected)('%s answers %s with code %s in the contract error shape', (type, status, code) => {
    const response = responses.get(type);
    expect(response, `no gateway response for ${type}`).toBeDefined();
    expect(response.StatusCode).toBe(status);
    const body = render(response.ResponseTemplates['application/json']) as any;
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
  });

  it('tells throttled and unavailable clients when to retry', () => {
    for (const type of ['THROTTLED', 'QUOTA_EXCEEDED', 'INTEGRATION_FAILURE', 'INTEGRATION_TIMEOUT']) {
      expect(responses.get(type).ResponseParameters['gatewayresponse.header.Retry-After']).toMatch(
        /^'\d+'$/,
      );
    }
  });

  it('answers every one as JSON that a browser on an allowed origin may read, Retry-After too', () => {
    for (const response of responses.values()) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Content-Type': "'application/json'",
        // cdk.json's origin and the dashboard's: two, so the Origin is echoed (see below).
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
      });
      expect(
        response.ResponseParameters['gatewayresponse.header.Access-Control-Expose-Headers'],
      ).toContain('Retry-After');
    }
  });

  it('carries the handlers’ security headers and no-store on every one', () => {
    for (const response of responses.values()) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.strict-transport-security': "'max-age=63072000; includeSubDomains'",
        'gatewayresponse.header.x-content-type-options': "'nosniff'",
        'gatewayresponse.header.referrer-policy': "'no-referrer'",
        'gatewayresponse.header.x-frame-options': "'DENY'",
        'gatewayresponse.header.cache-control': "'no-store'",
      });
      // Its quoted 'none' cannot sit inside API Gateway's single-quoted literal.
      expect(response.ResponseParameters['gatewayresponse.header.content-security-policy']).toBeUndefined();
    }
  });

  it('echoes the Origin when several origins are allowed (a static value holds only one)', () => {
    const several = synthesizeRegistry({
      stackProps: { corsOrigins: ['https://a.example', 'https://b.example'] },
    });
    several.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      ResponseParameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
        'gatewayresponse.header.Vary': "'Origin'",
      },
    });
  });
});

import type { IResource } from 'aws-cdk-lib/aws-apigateway';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes, type Route } from '../../lambdas/routes';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const { stack, template, resources } = synthesizeRegistry();
const api = stack.api.api;

function resourceAt(path: string): IResource {
  let resource: IResource | undefined = api.root;
  for (const part of path.split('/').filter(Boolean)) resource = resource?.getResource(part);
  if (!resource) throw new Error(`no API resource for ${path}`);
  return resource;
}

function methodOf(route: Route) {
  const method = resourceAt(route.path).node.tryFindChild(route.method);
  if (!method) throw new Error(`no method for ${route.method} ${route.path}`);
  return resources[logicalIdOf(method)]!.Properties;
}

const authorizerIds = Object.entries(resources)
  .filter(([, r]) => r.Type === 'AWS::ApiGateway::Authorizer')
  .map(([id]) => id);

describe('REST API methods from the route table', () => {
  it('has one method per route, besides the CORS preflights', () => {
    const methods = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGateway::Method');
    const nonPreflight = methods.filter((m) => m.Properties.HttpMethod !== 'OPTIONS');
    expect(nonPreflight).toHaveLength(routes.length);
  });

  it('has a single Cognito user pool authorizer on the Authorization header', () => {
    expect(authorizerIds).toHaveLength(1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [logicalIdOf(stack.identity.userPool), 'Arn'] }],
    });
  });

  describe.each(routes.map((route) => [`${route.method} ${route.path} (${route.role})`, route] as const))(
    '%s',
    (_name, route) => {
      const method = methodOf(route);

      if (route.role === 'public') {
        it('is open: no authorizer', () => {
          expect(method.AuthorizationType).toBe('NONE');
          expect(method.AuthorizerId).toBeUndefined();
        });
      } else {
        it('requires a token from the user pool', () => {
          expect(method.AuthorizationType).toBe('COGNITO_USER_POOLS');
          expect(method.AuthorizerId).toEqual({ Ref: authorizerIds[0] });
        });
      }

      it(`proxies to the ${route.fn} Lambda`, () => {
        const fn = stack.functions.byName.get(route.fn)!;
        expect(method.Integration.Type).toBe('AWS_PROXY');
        expect(JSON.stringify(method.Integration.Uri)).toContain(
          JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(fn.lambda), 'Arn'] }),
        );
      });
    },
  );
});

describe('reconciliations-read (personal data: the names of a list and of the persons it omits)', () => {
  const fnArn = JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(stack.functions.byName.get('reconciliations-read')!.lambda), 'Arn'] });
  const proxying = Object.values(resources).filter(
    (r) => r.Type === 'AWS::ApiGateway::Method' && JSON.stringify(r.Properties.Integration?.Uri ?? null).includes(fnArn),
  );

  it('is reached by viewers and up only: every route of it is a viewer route', () => {
    expect(routes.filter((route) => route.fn === 'reconciliations-read').map((route) => [`${route.method} ${route.path}`, route.role])).toEqual([
      ['GET /reconciliations', 'viewer'],
      ['GET /reconciliations/{id}', 'viewer'],
      ['GET /reconciliations/{id}/entries', 'viewer'],
      ['GET /reconciliations/{id}/omitted', 'viewer'],
    ]);
  });

  it('has the user pool authorizer on every method that proxies to it, preflights aside', () => {
    expect(proxying).toHaveLength(4);
    for (const method of proxying) {
      expect(method.Properties.HttpMethod).toBe('GET');
      expect(method.Properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
      expect(method.Properties.AuthorizerId).toEqual({ Ref: authorizerIds[0] });
    }
  });
});

describe('REST API stage', () => {
  const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGateway::Stage')!;
  const settings = stage.Properties.MethodSettings[0];

  it('throttles every method with the default rate and burst', () => {
    expect(settings).toMatchObject({
      HttpMethod: '*',
      ResourcePath: '/*',
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
  });

  it('logs errors but never request or response bodies, and traces', () => {
    expect(settings).toMatchObject({ LoggingLevel: 'ERROR', DataTraceEnabled: false });
    expect(stage.Properties.TracingEnabled).toBe(true);
  });

  it('writes JSON access logs to a log group kept for a month', () => {
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      errorType: '$context.error.responseType',
    });
    const destination = JSON.stringify(stage.Properties.AccessLogSetting.DestinationArn);
    const logGroupId = /"Ref":"(Api\w*AccessLogs\w*)"/.exec(destination)?.[1];
    expect(resources[logGroupId!]?.Properties.RetentionInDays).toBe(30);
  });

  it('takes throttling from the stack props', () => {
    const custom = synthesizeRegistry({
      stackProps: { throttling: { rateLimit: 7, burstLimit: 9 } },
    });
    custom.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 7, ThrottlingBurstLimit: 9 }),
      ]),
    });
  });

  describe('per-method throttling of the write routes', () => {
    // API Gateway's spelling of a resource path in method settings: each '/' as '~1'.
    const settingPath = (path: string) => `/${path.replaceAll('/', '~1')}`;
    const perMethod = stage.Properties.MethodSettings.slice(1);
    const writes = routes.filter((route) => route.method !== 'GET');

    it('keeps the stage-wide entry first', () => {
      expect(settings.HttpMethod).toBe('*');
      expect(perMethod.some((entry: any) => entry.HttpMethod === '*' || entry.ResourcePath === '/*')).toBe(false);
    });

    it.each(writes.map((route) => [`${route.method} ${route.path}`, route] as const))(
      '%s: 10 requests/s, burst 20, with the stage logging settings',
      (_name, route) => {
        const entries = perMethod.filter(
          (entry: any) => entry.HttpMethod === route.method && entry.ResourcePath === settingPath(route.path),
        );
        expect(entries).toEqual([
          {
            HttpMethod: route.method,
            ResourcePath: settingPath(route.path),
            ThrottlingRateLimit: 10,
            ThrottlingBurstLimit: 20,
            LoggingLevel: 'ERROR',
            DataTraceEnabled: false,
            MetricsEnabled: false,
          },
        ]);
      },
    );

    it('has no entry for a GET: reads are throttled by the stage only', () => {
      expect(writes.length).toBeGreaterThan(0);
      expect(perMethod).toHaveLength(writes.length);
      expect(perMethod.filter((entry: any) => entry.HttpMethod === 'GET')).toEqual([]);
    });

    it('takes its rate and burst from writeThrottling, and the routes from the routes prop', () => {
      const custom = synthesizeRegistry({
        stackProps: {
          writeThrottling: { rateLimit: 2, burstLimit: 3 },
          routes: routes.filter((route) => route.path.startsWith('/rounds')),
        },
      });
      const customStage = Object.values(custom.resources).find((r) => r.Type === 'AWS::ApiGateway::Stage')!;
      const entries = customStage.Properties.MethodSettings.slice(1);
      expect(entries.map((entry: any) => `${entry.HttpMethod} ${entry.ResourcePath}`).sort()).toEqual(
        ['DELETE /~1rounds~1{id}', 'PATCH /~1rounds~1{id}', 'POST /~1rounds'].sort(),
      );
      for (const entry of entries) expect(entry).toMatchObject({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 3 });
    });
  });

  it('outputs the API URL, user pool id and client id', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId']));
  });
});

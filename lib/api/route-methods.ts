import { Validations } from 'aws-cdk-lib';
import {
  AuthorizationType,
  LambdaIntegration,
  type IAuthorizer,
  type IResource,
  type Method,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { FunctionName, Route } from '../../lambdas/routes';

export interface RouteMethodsProps {
  readonly root: IResource;
  readonly routes: readonly Route[];
  readonly handlers: ReadonlyMap<FunctionName, IFunction>;
  /** Required as soon as one route is not public. */
  readonly authorizer?: IAuthorizer;
}

/**
 * Adds one method per route, each a Lambda proxy integration with its route's function. Who may
 * call a route is decided in two places on purpose: API Gateway only authenticates (a valid token
 * from the pool for every non-public route), the handler then checks the role in `cognito:groups`
 * (the role model is richer than "signed in", and the same check runs on the local server).
 */
export function addRouteMethods(props: RouteMethodsProps): Map<Route, Method> {
  const integrations = new Map<FunctionName, LambdaIntegration>();
  const integrationFor = (fn: FunctionName): LambdaIntegration => {
    let integration = integrations.get(fn);
    if (!integration) {
      const handler = props.handlers.get(fn);
      if (!handler) throw new Error(`No Lambda for function '${fn}' of the route table`);
      // No test-invoke permission: console tests are not used, and each permission takes room in
      // the function's 20 KB resource policy, which grows with every route.
      integration = new LambdaIntegration(handler, { allowTestInvoke: false });
      integrations.set(fn, integration);
    }
    return integration;
  };

  const methods = new Map<Route, Method>();
  for (const route of props.routes) {
    const resource = props.root.resourceForPath(route.path);
    const method = resource.addMethod(
      route.method,
      integrationFor(route.fn),
      route.role === 'public' ? publicAccess() : tokenRequired(props.authorizer, route),
    );
    if (route.role === 'public') acknowledgePublic(method, route);
    methods.set(route, method);
  }
  return methods;
}

function publicAccess() {
  return { authorizationType: AuthorizationType.NONE };
}

function tokenRequired(authorizer: IAuthorizer | undefined, route: Route) {
  if (!authorizer) throw new Error(`Route ${route.method} ${route.path} needs an authorizer`);
  return { authorizationType: AuthorizationType.COGNITO, authorizer };
}

function acknowledgePublic(method: Method, route: Route): void {
  const reason =
    `${route.method} ${route.path} is public by the API contract (anonymous reads of ` +
    'non-personal data); the route table marks it role "public", stage throttling and the ' +
    'handler limit it.';
  Validations.of(method).acknowledge(
    { id: 'AwsSolutions-APIG4', reason },
    { id: 'AwsSolutions-COG4', reason },
  );
}

import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { routes as defaultRoutes, type Route } from '../lambdas/routes';
import { ApiFunctions } from './api/api-functions';
import { RegistryApi, type StageThrottling } from './api/registry-api';
import { corsOriginsFromContext } from './cors-origins';
import { RegistryTable } from './data/registry-table';
import { RegistryUserPool } from './identity/registry-user-pool';

export interface ExchangeRegistryStackProps extends StackProps {
  /** Browser origins admitted by CORS. @default context `corsOrigins` (cdk.json) */
  readonly corsOrigins?: readonly string[];
  /** @default DEFAULT_THROTTLING (50 requests/s, burst 100) */
  readonly throttling?: StageThrottling;
  /** A regional WAFv2 web ACL for the API stage. @default none */
  readonly webAclArn?: string;
  /** @default the route table of lambdas/routes.ts; tests may pass another */
  readonly routes?: readonly Route[];
}

/** Table, user pool, functions and REST API of the Exchange Registry. */
export class ExchangeRegistryStack extends Stack {
  readonly data: RegistryTable;
  readonly identity: RegistryUserPool;
  readonly functions: ApiFunctions;
  readonly api: RegistryApi;

  constructor(scope: Construct, id: string, props: ExchangeRegistryStackProps = {}) {
    super(scope, id, {
      description: 'Exchange Registry: REST API recording prisoner exchanges',
      ...props,
    });
    const corsOrigins = props.corsOrigins ?? corsOriginsFromContext(this);
    const routes = props.routes ?? defaultRoutes;

    this.data = new RegistryTable(this, 'Data');
    this.identity = new RegistryUserPool(this, 'Identity');
    this.functions = new ApiFunctions(this, 'Functions', {
      routes,
      table: this.data.table,
      corsOrigins,
    });
    this.api = new RegistryApi(this, 'Api', {
      routes,
      handlers: new Map([...this.functions.byName].map(([name, fn]) => [name, fn.lambda])),
      userPool: this.identity.userPool,
      corsOrigins,
      throttling: props.throttling,
      webAclArn: props.webAclArn,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API stage' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
  }
}

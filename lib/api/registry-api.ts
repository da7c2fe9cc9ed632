import { Stack, Validations } from 'aws-cdk-lib';
import {
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LogGroupLogDestination,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { FunctionName, Route } from '../../lambdas/routes';
import { accessLogFormat } from './access-log-format';
import { corsPreflightOptions } from './cors';
import { addGatewayErrorResponses } from './gateway-error-responses';
import { addRouteMethods } from './route-methods';
import {
  DEFAULT_THROTTLING,
  DEFAULT_WRITE_THROTTLING,
  METHOD_LOGGING,
  writeMethodOptions,
  type StageThrottling,
} from './throttling';

export { DEFAULT_THROTTLING, DEFAULT_WRITE_THROTTLING, type StageThrottling };

export interface RegistryApiProps {
  readonly routes: readonly Route[];
  readonly handlers: ReadonlyMap<FunctionName, IFunction>;
  readonly userPool: IUserPool;
  readonly corsOrigins: readonly string[];
  /** Over the whole stage. @default DEFAULT_THROTTLING */
  readonly throttling?: StageThrottling;
  /** Each write route (every method but GET) on its own, within the stage's. @default DEFAULT_WRITE_THROTTLING */
  readonly writeThrottling?: StageThrottling;
  /** @default 'v1', the contract's version */
  readonly stageName?: string;
  /** The regional WAFv2 web ACL in front of the stage (lib/api/api-web-acl.ts, or one brought along). */
  readonly webAclArn: string;
}

/** The REST API generated from the route table, with the contract's error shape at the edge. */
export class RegistryApi extends Construct {
  readonly api: RestApi;
  readonly webAclAssociation: CfnWebACLAssociation;

  constructor(scope: Construct, id: string, props: RegistryApiProps) {
    super(scope, id);
    const throttling = props.throttling ?? DEFAULT_THROTTLING;
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });

    this.api = new RestApi(this, 'RestApi', {
      restApiName: Stack.of(this).stackName,
      description: 'Exchange Registry: prisoner exchanges, repatriations and persons',
      // Regional: clients are not global enough to pay for an edge distribution's extra hop.
      endpointTypes: [EndpointType.REGIONAL],
      defaultCorsPreflightOptions: corsPreflightOptions(props.corsOrigins),
      // Execution logs need the account-wide API Gateway role (there is one per account and
      // region; setting it again is harmless). They show authorizer and integration failures.
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stageName ?? 'v1',
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
        ...METHOD_LOGGING,
        tracingEnabled: true,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
        methodOptions: writeMethodOptions(props.routes, props.writeThrottling ?? DEFAULT_WRITE_THROTTLING),
      },
    });

    // RestApi always adds an output with a hashed name; the stack outputs the URL as ApiUrl.
    this.api.node.tryRemoveChild('Endpoint');

    const needsAuthorizer = props.routes.some((route) => route.role !== 'public');
    const authorizer = needsAuthorizer
      ? new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
          cognitoUserPools: [props.userPool],
          identitySource: 'method.request.header.Authorization',
        })
      : undefined;
    addRouteMethods({ root: this.api.root, routes: props.routes, handlers: props.handlers, authorizer });
    addGatewayErrorResponses(this.api, props.corsOrigins);

    // Always a web ACL: a stage without one fails cdk-nag (AwsSolutions-APIG3), unacknowledged.
    this.webAclAssociation = new CfnWebACLAssociation(this, 'WebAcl', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: props.webAclArn,
    });
    this.acknowledgeFindings();
  }

  get url(): string {
    return this.api.url;
  }

  /**
   * `https://<id>.execute-api.<region>.<suffix>`: the URL's scheme and host, as CDK builds the URL
   * (Stage.urlForPath), but from the RestApi alone: a browser page's CSP can name it without
   * depending on the stage, which depends on every method (lib/dashboard/dashboard-site.ts).
   */
  get origin(): string {
    const stack = Stack.of(this.api);
    return `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  private acknowledgeFindings(): void {
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'Requests are validated in the handler with the zod schemas of the contract, which ' +
          'answer 400 validation_failed with per-field details; an API Gateway validator could ' +
          'only duplicate part of that with a different error shape.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'The account-level role that lets API Gateway write execution logs; AWS maintains this ' +
          'policy for exactly that purpose and it grants nothing else.',
      },
    );
  }
}

import { Stack, Validations } from 'aws-cdk-lib';
import {
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LogGroupLogDestination,
  MethodLoggingLevel,
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

export interface StageThrottling {
  /** Steady-state requests per second over the whole stage. */
  readonly rateLimit: number;
  /** Requests admitted at once before the rate applies. */
  readonly burstLimit: number;
}

/** A small registry: edits after each exchange and public reads; well under account limits. */
export const DEFAULT_THROTTLING: StageThrottling = { rateLimit: 50, burstLimit: 100 };

export interface RegistryApiProps {
  readonly routes: readonly Route[];
  readonly handlers: ReadonlyMap<FunctionName, IFunction>;
  readonly userPool: IUserPool;
  readonly corsOrigins: readonly string[];
  /** @default DEFAULT_THROTTLING */
  readonly throttling?: StageThrottling;
  /** @default 'v1', the contract's version */
  readonly stageName?: string;
  /** A regional WAFv2 web ACL to attach to the stage. @default none (see the acknowledgment) */
  readonly webAclArn?: string;
}

/** The REST API generated from the route table, with the contract's error shape at the edge. */
export class RegistryApi extends Construct {
  readonly api: RestApi;

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
        loggingLevel: MethodLoggingLevel.ERROR,
        // Never log bodies: they contain personal data.
        dataTraceEnabled: false,
        tracingEnabled: true,
        // Per-method metrics are billed per metric; API-wide metrics are free and suffice.
        metricsEnabled: false,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
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

    if (props.webAclArn !== undefined) {
      new CfnWebACLAssociation(this, 'WebAcl', {
        resourceArn: this.api.deploymentStage.stageArn,
        webAclArn: props.webAclArn,
      });
    }
    this.acknowledgeFindings(props.webAclArn !== undefined);
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

  private acknowledgeFindings(hasWebAcl: boolean): void {
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
    if (!hasWebAcl) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'No WAF by default (a web ACL costs more than this API); stage throttling, Cognito on ' +
          'every write and payload limits in the handler cover the exposure. Pass webAclArn to ' +
          'attach one.',
      });
    }
  }
}

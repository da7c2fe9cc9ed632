import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from '../../lambdas/routes';
import type { TableAccess } from '../../lambdas/routes';
import type { KeyPrefixes } from '../../lambdas/store/key-prefixes';
import { projectRoot } from '../project-root';
import { tableStatements } from './table-actions';
import { BUNDLE_MAIN_FIELDS, CREATE_REQUIRE_BANNER, UNBUNDLED_CREDENTIAL_LINKS } from './bundle-options';

/**
 * AwsSolutions-L1 accepts only the newest runtime of the family that this aws-cdk-lib knows
 * (it compares against `Runtime.ALL`): with aws-cdk-lib 2.276 that is nodejs24.x. Pinned rather
 * than NODEJS_LATEST so that a CDK upgrade cannot change the runtime without a code change.
 */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

/**
 * How Lambda handles the function's asynchronous invocations (a schedule; API Gateway's proxy
 * integration invokes synchronously and is not affected).
 */
export interface AsyncInvocation {
  /** Retries after a failed run (0-2). */
  readonly retryAttempts: number;
  /** An event still not processed this long after it arrived is given up (1 min - 6 h). */
  readonly maxEventAge: Duration;
  /** Where Lambda sends the record of an invocation that failed every attempt or expired. */
  readonly failureQueue: IQueue;
}

export interface RegistryFunctionProps {
  /** Entry file, relative to the project root (as in the route table). */
  readonly entry: string;
  readonly description: string;
  /** Browser origins the handler may answer CORS requests for; passed as CORS_ORIGINS. */
  readonly corsOrigins: readonly string[];
  /** @default DEFAULT_MEMORY_MB (512): the CPU share grows with memory, which shortens cold starts of a bundled SDK */
  readonly memorySize?: number;
  /** @default DEFAULT_TIMEOUT_SECONDS (10 s): well under API Gateway's 29 s integration timeout */
  readonly timeout?: Duration;
  /** @default one month */
  readonly logRetention?: RetentionDays;
  /** @default Lambda's own (2 retries, events kept 6 h, failures dropped); see configureAsyncInvocation */
  readonly asyncInvocation?: AsyncInvocation;
}

/**
 * A Lambda function with the project's defaults: ESM on Node 24, arm64, bundled SDK, its own log
 * group and role. A wrapper rather than a subclass so that the role and log group are children:
 * acknowledgments made here then cover the role's policies too.
 */
export class RegistryFunction extends Construct {
  readonly lambda: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: RegistryFunctionProps) {
    super(scope, id);
    // An explicit log group gives a retention; the explicit role then needs only write access to
    // that one group instead of AWSLambdaBasicExecutionRole's logs:* on every log group.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    this.logGroup.grantWrite(this.role);

    this.lambda = new NodejsFunction(this, 'Function', {
      entry: join(projectRoot, props.entry),
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: props.timeout ?? Duration.seconds(DEFAULT_TIMEOUT_SECONDS),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: {
        CORS_ORIGINS: props.corsOrigins.join(','),
        // No NODE_OPTIONS=--enable-source-maps: it parses the map at every cold start. The logger
        // maps the stack of an error it logs from the map beside the bundle (lambdas/stack-trace.ts).
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: [...BUNDLE_MAIN_FIELDS],
        banner: CREATE_REQUIRE_BANNER,
        // Bundle the SDK: the versions the tests ran against, never the copy the runtime happens
        // to ship. Only the credential chain's links that never load on Lambda stay out.
        externalModules: [...UNBUNDLED_CREDENTIAL_LINKS],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
      },
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no ' +
        'resource-level permissions, so AWS documents Resource "*" for them.',
    });

    if (props.asyncInvocation) this.configureAsyncInvocation(props.asyncInvocation);
  }

  /**
   * Retries and an on-failure destination for asynchronous invocations, for a function that was
   * created for the API and is then also put on a schedule. Lambda sends the failure record (the
   * event, the error and the attempt count) to the queue; the role may send to that queue only.
   * At most once per function (one EventInvokeConfig).
   */
  configureAsyncInvocation(options: AsyncInvocation): void {
    this.lambda.configureAsyncInvoke({
      retryAttempts: options.retryAttempts,
      maxEventAge: options.maxEventAge,
      onFailure: new SqsDestination(options.failureQueue),
    });
  }

  /**
   * Gives the function the table's name (TABLE_NAME) and a grant on the partitions it serves only:
   * its actions on the table and on the indexes it queries, each bound by `dynamodb:LeadingKeys` to
   * the key prefixes of lambdas/store/key-prefixes.ts (see table-actions.ts). 'none' binds nothing.
   */
  bindTable(table: ITableV2, access: TableAccess, prefixes: KeyPrefixes): void {
    const statements = tableStatements(table.tableArn, access, prefixes);
    if (access === 'none') return;
    this.lambda.addEnvironment('TABLE_NAME', table.tableName);
    for (const statement of statements) this.role.addToPrincipalPolicy(statement);
  }
}

import { Duration, Lazy, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  Distribution,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ICachePolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { SingletonFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { dashboardFiles } from './dashboard-files';
import { dashboardCsp, dashboardHeaders } from './security-headers';

/** The files whose names carry a content hash (bin/dashboard/build.ts): never revalidated. */
const HASHED_FILES = ['*.js', '*.css'];
/** The same Cache-Control values as the local server (bin/local/dashboard.ts). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** What a deployment changes in place: the page, its config, the favicon (and `/`, which is index.html). */
const ENTRY_PATHS = ['/', '/index.html', '/config.json', '/favicon.svg'];
/** Like the API's access logs (lib/api/registry-api.ts): long enough to look into an incident. */
const ACCESS_LOG_DAYS = 30;

export interface DashboardDomain {
  /** The names the distribution answers to; the first one is the dashboard's URL. */
  readonly domainNames: readonly string[];
  /** An ACM certificate covering them, in us-east-1 (the only region CloudFront takes certificates from). */
  readonly certificateArn: string;
}

export interface DashboardSiteProps {
  /**
   * A WAFv2 web ACL of scope CLOUDFRONT, which AWS creates in us-east-1 only, whatever the stack's
   * region (so it cannot be made in this stack unless it is deployed there).
   * @default none (see the CFR2 acknowledgment)
   */
  readonly webAclArn?: string;
  /** @default none: the distribution's own https://<id>.cloudfront.net name only */
  readonly domain?: DashboardDomain;
}

/** What the page needs of the API: the base URL it is handed in config.json, the origin its CSP admits. */
export interface DashboardApi {
  readonly url: string;
  /** Scheme and host of `url`, no path. */
  readonly origin: string;
}

/**
 * The public dashboard on AWS: its built files (dashboard-files.ts) in a private bucket, which only
 * this distribution may read (origin access control), served over HTTPS with the local server's
 * security headers, and a config.json that hands the page the API's URL. CloudFront's and the
 * bucket's access logs go to a log bucket.
 *
 * Made before the API, whose CORS allow-list needs `origins`; the API is then connected with
 * `connectApi`, which deploys the files and completes the CSP. The CSP names the API's origin,
 * built from the RestApi's id alone, not from the stage: the stage depends on the preflight
 * methods, which name this distribution's domain, and that would be a cycle.
 */
export class DashboardSite extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly headersPolicy: ResponseHeadersPolicy;
  /** The https:// origins the page is served from: the distribution's own name, then the custom ones. */
  readonly origins: readonly string[];
  /** Where the dashboard is: its first custom domain, else the distribution's name. */
  readonly url: string;
  private api?: DashboardApi;
  private deployed?: { readonly assets: BucketDeployment; readonly entry: BucketDeployment };

  constructor(scope: Construct, id: string, props: DashboardSiteProps = {}) {
    super(scope, id);
    const domainNames = props.domain?.domainNames ?? [];
    if (props.domain && domainNames.length === 0) throw new Error('DashboardSite: domain.domainNames is empty');

    // Retained, like everything the stack holds: who deletes the stack decides about the logs.
    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered under an ACL grant to its log-delivery account,
      // so this bucket needs ACLs (object writer); public ACLs stay blocked.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      // The logs hold viewers' IP addresses: kept no longer than they are useful.
      lifecycleRules: [{ expiration: Duration.days(ACCESS_LOG_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the dashboard (CloudFront and the site bucket log here); ' +
        'logging it to itself would log each log delivery, and another bucket would only move the finding.',
    });

    // No versioning: every version of the site is rebuilt from the repository at its commit.
    // RETAIN rather than autoDeleteObjects: the stack never deletes what it stored (see the table),
    // and auto-deletion would add a custom-resource Lambda allowed to empty the bucket, to save a
    // few hundred KB that a deleted stack leaves behind (to be emptied and deleted by hand).
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // CloudFront names are global to the account: the region in them lets the same stack be
    // deployed to two regions of one account.
    const globalName = (maxLength: number) =>
      `${Names.uniqueResourceName(this, { maxLength: maxLength - 16 })}-${Stack.of(this).region}`;

    const headers = dashboardHeaders(
      Lazy.string({
        produce: () => {
          if (!this.api) throw new Error(`${this.node.path}: connectApi was never called, so the CSP has no API origin`);
          return dashboardCsp(this.api.origin);
        },
      }),
    );
    this.headersPolicy = new ResponseHeadersPolicy(this, 'Headers', {
      responseHeadersPolicyName: globalName(128),
      comment: 'Exchange Registry dashboard: the security headers of the local server, plus HSTS',
      securityHeadersBehavior: headers.securityHeadersBehavior,
      customHeadersBehavior: { customHeaders: headers.customHeaders },
    });

    // index.html, config.json and `/` carry `no-cache` (set by the entry deployment): with no
    // minimum TTL CloudFront revalidates them with S3 on every request, so a deployment shows at
    // once. The TTLs above zero only let CloudFront compress.
    const revalidate = new CachePolicy(this, 'Revalidate', {
      comment: 'Exchange Registry dashboard entry files: the origin Cache-Control (no-cache) decides',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessControl: new S3OriginAccessControl(this, 'OriginAccess', {
        originAccessControlName: globalName(64),
        description: 'CloudFront signs its requests to the dashboard bucket',
      }),
    });
    const behavior = (cachePolicy: ICachePolicy): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy: this.headersPolicy,
      compress: true,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Exchange Registry dashboard',
      defaultRootObject: 'index.html',
      defaultBehavior: behavior(revalidate),
      // Content-hashed names: cached as long as their Cache-Control says (a year).
      additionalBehaviors: Object.fromEntries(HASHED_FILES.map((pattern) => [pattern, behavior(CachePolicy.CACHING_OPTIMIZED)])),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclArn,
      ...(props.domain
        ? {
            domainNames: [...domainNames],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    const names = [this.distribution.distributionDomainName, ...domainNames];
    this.origins = names.map((name) => `https://${name}`);
    this.url = `https://${domainNames[0] ?? this.distribution.distributionDomainName}/`;
    this.acknowledgeDistribution(props);
  }

  /** The two copies of the files into the bucket, once connectApi has made them. */
  get deployments(): { readonly assets: BucketDeployment; readonly entry: BucketDeployment } | undefined {
    return this.deployed;
  }

  /**
   * Deploys the built files with a config.json that holds the API's URL, and puts the API's origin
   * in the CSP's connect-src. Hashed scripts and stylesheets go first, with a year's immutable
   * Cache-Control, and are never pruned (a page loaded just before a deployment still finds its
   * script; each build adds under 300 KB); then index.html, config.json and the favicon, with
   * `no-cache`, and an invalidation of those paths.
   */
  connectApi(api: DashboardApi): void {
    if (this.api) throw new Error(`${this.node.path}: connectApi was already called`);
    this.api = api;
    const files = dashboardFiles();

    // The deployment handler's own role and log group, as every function of the stack has: write
    // access to that one group instead of AWSLambdaBasicExecutionRole's logs:* everywhere.
    const logGroup = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Copies the dashboard's files into the bucket of ${this.node.path}`,
    });
    logGroup.grantWrite(role);

    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [files],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: HASHED_FILES,
      cacheControl: [CacheControl.fromString(IMMUTABLE)],
      prune: false,
      role,
      logGroup,
    });
    const entry = new BucketDeployment(this, 'DeployEntry', {
      sources: [files, Source.jsonData('config.json', { apiUrl: api.url })],
      destinationBucket: this.bucket,
      // Pruned (a file dropped from the build goes), but never the hashed files, which it excludes.
      exclude: HASHED_FILES,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ENTRY_PATHS,
      role,
      logGroup,
    });
    entry.node.addDependency(assets);
    this.deployed = { assets, entry };
    this.acknowledgeDeployment(entry, role);
  }

  private acknowledgeDistribution(props: DashboardSiteProps): void {
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the public record of the exchanges is for everyone, the families and ' +
        'press of both countries included; the dashboard shows only public, non-personal figures.',
    });
    if (props.webAclArn === undefined) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF by default, as for the API (a web ACL costs more than this site): the distribution ' +
          'serves a few static files that CloudFront caches, and every figure comes from the ' +
          'throttled API. Pass a CLOUDFRONT-scope web ACL (created in us-east-1) as the stack prop ' +
          'dashboardWebAclArn to attach one.',
      });
    }
    if (props.domain === undefined) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'With the default *.cloudfront.net certificate CloudFront does not let the minimum viewer ' +
          'TLS version be chosen (TLSv1.2_2021 needs a custom certificate); current browsers have dropped ' +
          'TLS 1.0 and 1.1 and negotiate 1.2 or 1.3 anyway, and the page carries no secret. Pass ' +
          'dashboardDomain (names and a us-east-1 certificate) to enforce TLSv1.2_2021.',
      });
    }
  }

  /** Findings on the deployment handler, which CDK makes once per stack for every BucketDeployment. */
  private acknowledgeDeployment(deployment: BucketDeployment, role: Role): void {
    // BucketDeployment's own grants to the role (the granular IAM5 findings, each by its name).
    const read =
      'BucketDeployment reads the zipped files (s3:GetObject*, s3:GetBucket*, s3:List*: the grant ' +
      'CDK gives to read an asset) from the CDK staging bucket, and lists and reads the dashboard ' +
      'bucket to sync it; the wildcards are the variants of those read actions only.';
    const write =
      'BucketDeployment syncs the whole dashboard bucket (aws s3 sync, which puts, overwrites and, for ' +
      'the entry files, prunes objects): read-write of its objects (…/*) with multipart aborts ' +
      '(s3:Abort*) and deletes (s3:DeleteObject*), on this one bucket.';
    Validations.of(role).acknowledge(
      ...['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*'].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: read,
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason: `${read} The staging bucket's objects are the assets CDK uploads at each deployment, under names not known before.`,
      },
      ...['Action::s3:Abort*', 'Action::s3:DeleteObject*'].map((finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason: write })),
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).resolve((this.bucket.node.defaultChild as CfnBucket).logicalId)}.Arn>/*]`,
        reason: write,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudfront:CreateInvalidation and cloudfront:GetInvalidation after each deployment of the ' +
          'entry files: BucketDeployment grants them on "*" (the distribution is known only once created).',
      },
    );
    const singleton = deployment.node.findChild('CustomResourceHandler') as SingletonFunction;
    const handler = Stack.of(this).node.findChild(singleton.constructName);
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        "CDK's BucketDeployment handler (a deploy-time custom resource running the AWS CLI, never " +
        'invoked by a viewer): its Python runtime is the one this aws-cdk-lib pins for it and it ' +
        'moves with CDK upgrades.',
    });
  }
}

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, SECURITY_HEADERS } from '../../bin/local/dashboard';
import { createApp } from '../../lib/app-factory';
import { withOrigins } from '../../lib/cors-origins';
import { buildDashboardInto } from '../../lib/dashboard/dashboard-files';
import { evaluate, evaluateString, originOf } from './support/intrinsics';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const registry = synthesizeRegistry();
const { stack, template, resources } = registry;
const site = stack.dashboard;
const id = {
  bucket: logicalIdOf(site.bucket),
  logs: logicalIdOf(site.logBucket),
  distribution: logicalIdOf(site.distribution),
  headers: logicalIdOf(site.headersPolicy),
  restApi: logicalIdOf(stack.api.api),
};
const config = resources[id.distribution]!.Properties.DistributionConfig;
const behaviors: any[] = [config.DefaultCacheBehavior, ...config.CacheBehaviors];
const outputs = template.toJSON().Outputs;
const apiUrl = evaluateString(outputs.ApiUrl.Value);
const distributionDomain = `<${id.distribution}.DomainName>`;

/** CloudFront's managed CachingOptimized policy (honours the origin's max-age up to a year). */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const bucketPolicyOf = (bucketId: string) =>
  ofType('AWS::S3::BucketPolicy').find(([, r]) => r.Properties.Bucket.Ref === bucketId)![1].Properties.PolicyDocument;

describe('dashboard buckets', () => {
  it.each([
    ['site', id.bucket],
    ['access-log', id.logs],
  ])('the %s bucket blocks all public access, is encrypted with S3 keys and retained', (_name, bucketId) => {
    const bucket = resources[bucketId]!;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it.each([
    ['site', id.bucket],
    ['access-log', id.logs],
  ])('the %s bucket refuses every request that is not over TLS', (_name, bucketId) => {
    expect(bucketPolicyOf(bucketId).Statement).toContainEqual({
      Effect: 'Deny',
      Action: 's3:*',
      Principal: { AWS: '*' },
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      Resource: [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] }],
    });
  });

  it('lets only this distribution read the site bucket (origin access control, SourceArn)', () => {
    const allows = bucketPolicyOf(id.bucket).Statement.filter((statement: any) => statement.Effect === 'Allow');
    expect(evaluate(allows)).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Resource: `<${id.bucket}.Arn>/*`,
        Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::123456789012:distribution/<${id.distribution}>` } },
      },
    ]);
  });

  it('logs the site bucket, and CloudFront, to the log bucket, which keeps them 30 days and takes ACL deliveries', () => {
    expect(resources[id.bucket]!.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: id.logs },
      LogFilePrefix: 's3/',
    });
    expect(config.Logging).toEqual({ Bucket: { 'Fn::GetAtt': [id.logs, 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
    const logs = resources[id.logs]!.Properties;
    expect(logs.LifecycleConfiguration.Rules).toEqual([{ ExpirationInDays: 30, Status: 'Enabled' }]);
    // CloudFront's standard logs are written under an ACL grant: the bucket must accept ACLs.
    expect(logs.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'ObjectWriter' }]);
    expect(logs.LoggingConfiguration).toBeUndefined();
  });
});

describe('dashboard distribution', () => {
  it('reads its one origin, the site bucket, through origin access control', () => {
    const [oacId] = ofType('AWS::CloudFront::OriginAccessControl').map(([key]) => key);
    expect(config.Origins).toEqual([
      expect.objectContaining({
        DomainName: { 'Fn::GetAtt': [id.bucket, 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      }),
    ]);
    expect(resources[oacId!]!.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
  });

  it('serves index.html at /, redirects HTTP to HTTPS, GET and HEAD only, on every behaviour', () => {
    expect(config.DefaultRootObject).toBe('index.html');
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        ResponseHeadersPolicyId: { Ref: id.headers },
        Compress: true,
      });
    }
  });

  it('revalidates the entry files with S3 and caches the content-hashed scripts and stylesheets', () => {
    const revalidate = resources[config.DefaultCacheBehavior.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
    expect(revalidate).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(config.CacheBehaviors.map((behavior: any) => [behavior.PathPattern, behavior.CachePolicyId])).toEqual([
      ['*.js', CACHING_OPTIMIZED],
      ['*.css', CACHING_OPTIMIZED],
    ]);
  });

  it('has no geo restriction, no WAF and the default certificate unless given (see the acknowledgments)', () => {
    expect(config.Restrictions).toBeUndefined();
    expect(config.WebACLId).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });
});

describe('dashboard response headers', () => {
  const policy = resources[id.headers]!.Properties.ResponseHeadersPolicyConfig;
  const security = policy.SecurityHeadersConfig;
  const csp = evaluateString(security.ContentSecurityPolicy.ContentSecurityPolicy);

  it("sends the local server's CSP with the API's origin (that of the ApiUrl output) added to connect-src", () => {
    expect(originOf(apiUrl)).toBe(`https://<${id.restApi}>.execute-api.eu-central-1.amazonaws.com`);
    expect(csp).toBe(DASHBOARD_CSP.replace("connect-src 'self'", `connect-src 'self' ${originOf(apiUrl)}`));
    expect(csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
        `connect-src 'self' ${originOf(apiUrl)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
  });

  it('sends HSTS for two years with subdomains, nosniff, DENY and no-referrer, each over what S3 sends', () => {
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      ContentSecurityPolicy: { Override: true },
    });
  });

  it('sends every other header of the local server as it is (permissions policy, COOP, CORP)', () => {
    const special = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];
    const others = Object.entries(SECURITY_HEADERS).filter(([header]) => !special.includes(header));
    expect(others.map(([header]) => header)).toContain('permissions-policy');
    expect(policy.CustomHeadersConfig.Items).toEqual(others.map(([header, value]) => ({ Header: header, Value: value, Override: true })));
  });
});

describe('dashboard deployment', () => {
  const deployments = ofType('Custom::CDKBucketDeployment');
  const deploymentOf = (construct: unknown) => resources[logicalIdOf(construct as never)]!;
  const assets = deploymentOf(site.deployments!.assets.node.findChild('CustomResource'));
  const entry = deploymentOf(site.deployments!.entry.node.findChild('CustomResource'));

  it('copies the hashed scripts and stylesheets first, immutable for a year, never pruned', () => {
    expect(deployments).toHaveLength(2);
    expect(assets.Properties).toMatchObject({
      DestinationBucketName: { Ref: id.bucket },
      Exclude: ['*'],
      Include: ['*.js', '*.css'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect((entry as { DependsOn?: string[] }).DependsOn).toContain(logicalIdOf(site.deployments!.assets.node.findChild('CustomResource') as never));
  });

  it('then the entry files with no-cache, and invalidates them', () => {
    expect(entry.Properties).toMatchObject({
      DestinationBucketName: { Ref: id.bucket },
      Exclude: ['*.js', '*.css'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: id.distribution },
      DistributionPaths: expect.arrayContaining(['/', '/index.html', '/config.json']),
    });
    expect(entry.Properties.Include).toBeUndefined();
  });

  it("writes a config.json whose apiUrl is the API's URL (the ApiUrl output)", () => {
    const keys: string[] = entry.Properties.SourceObjectKeys;
    expect(keys).toHaveLength(2);
    const dir = join(registry.app.outdir, `asset.${keys[1]!.replace(/\.zip$/, '')}`);
    expect(readdirSync(dir)).toEqual(['config.json']);
    const markers = evaluate(entry.Properties.SourceMarkers[1]) as Record<string, string>;
    let json = readFileSync(join(dir, 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(markers)) json = json.split(marker).join(value);
    expect(JSON.parse(json)).toEqual({ apiUrl });
    expect(apiUrl).toMatch(new RegExp(`^https://<${id.restApi}>\\.execute-api\\.eu-central-1\\.amazonaws\\.com/<\\w+>/$`));
  });

  it('runs the copy with its own role: no managed policy, logs to its own group kept a month', () => {
    const [handlerId, handler] = ofType('AWS::Lambda::Function').find(([key]) => key.startsWith('CustomCDKBucketDeployment'))!;
    expect(assets.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [handlerId, 'Arn'] });
    const roleId = handler.Properties.Role['Fn::GetAtt'][0];
    expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
    const logGroupId = handler.Properties.LoggingConfig.LogGroup.Ref;
    expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(30);
  });
});

describe('the dashboard build that the asset runs at synth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-asset-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes index.html, the favicon and the hashed script and stylesheet it names, and no config.json', () => {
    buildDashboardInto(dir);
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(4);
    expect(names).toEqual(expect.arrayContaining(['favicon.svg', 'index.html']));
    const script = names.find((name) => /^main-[A-Z0-9]{8}\.js$/.test(name));
    const style = names.find((name) => /^style-[A-Z0-9]{8}\.css$/.test(name));
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain(`src="${script}"`);
    expect(html).toContain(`href="${style}"`);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });
});

describe("the API's CORS allow-list", () => {
  it("includes the distribution's https origin, in the functions' CORS_ORIGINS and the preflight", () => {
    for (const fn of stack.deployedFunctions.values()) {
      const variables = resources[logicalIdOf(fn.lambda)]!.Properties.Environment.Variables;
      expect(evaluateString(variables.CORS_ORIGINS).split(',')).toEqual(['http://localhost:3000', `https://${distributionDomain}`]);
    }
    const [, preflight] = ofType('AWS::ApiGateway::Method').find(([, r]) => r.Properties.HttpMethod === 'OPTIONS')!;
    const response = preflight.Properties.Integration.IntegrationResponses[0];
    expect(evaluateString(response.ResponseTemplates['application/json'])).toContain(`$origin == "https://${distributionDomain}"`);
  });

  it('adds origins to a list once, and leaves a list that admits every origin alone', () => {
    expect(withOrigins(['https://a.example'], ['https://d.example', 'https://a.example'])).toEqual(['https://a.example', 'https://d.example']);
    expect(withOrigins(['*'], ['https://d.example'])).toEqual(['*']);
  });
});

describe('dashboard output and template', () => {
  it('outputs DashboardUrl, the distribution’s https URL', () => {
    expect(evaluateString(outputs.DashboardUrl.Value)).toBe(`https://${distributionDomain}/`);
  });

  it('has no dependency cycle (the CSP names the RestApi, the preflights name the distribution)', () => {
    const dependencies = new Map(
      Object.entries(resources).map(([key, resource]) => {
        const named = new Set<string>([(resource as any).DependsOn ?? []].flat());
        JSON.stringify(resource.Properties ?? {}, (field, value) => {
          if (field === 'Ref' && typeof value === 'string' && value in resources) named.add(value);
          if (field === 'Fn::GetAtt') named.add(Array.isArray(value) ? value[0] : String(value).split('.')[0]);
          return value;
        });
        return [key, named];
      }),
    );
    const done = new Set<string>();
    const visit = (key: string, path: string[]): void => {
      if (path.includes(key)) throw new Error(`cycle: ${[...path, key].join(' → ')}`);
      if (done.has(key)) return;
      for (const next of dependencies.get(key) ?? []) visit(next, [...path, key]);
      done.add(key);
    };
    for (const key of dependencies.keys()) visit(key, []);
    expect(done.size).toBe(dependencies.size);
  });
});

describe('dashboard with a web ACL and a custom domain', () => {
  afterAll(() => CloudAssembly.cleanupTemporaryDirectories());
  const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/dashboard/abc';
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0000-0000-0000-000000000000';
  const { app, stack: custom } = createApp({
    bundle: false,
    stackProps: {
      dashboardWebAclArn: webAclArn,
      dashboardDomain: { domainNames: ['registry.example.org', 'www.registry.example.org'], certificateArn },
    },
  });
  // Synthesis runs cdk-nag: CFR2 and CFR4 are not acknowledged here, so this passing means they hold.
  const assembly = app.synth();
  const customResources = assembly.getStackArtifact(custom.artifactId).template.Resources;
  const customConfig = customResources[logicalIdOf(custom.dashboard.distribution)].Properties.DistributionConfig;

  it('attaches the web ACL and serves the domains with TLSv1.2_2021 over SNI', () => {
    expect(customConfig.WebACLId).toBe(webAclArn);
    expect(customConfig.Aliases).toEqual(['registry.example.org', 'www.registry.example.org']);
    expect(customConfig.ViewerCertificate).toEqual({
      AcmCertificateArn: certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  it('admits the custom domains too, and outputs the first as the dashboard URL', () => {
    const template = assembly.getStackArtifact(custom.artifactId).template;
    expect(template.Outputs.DashboardUrl.Value).toBe('https://registry.example.org/');
    const fn = customResources[logicalIdOf([...custom.deployedFunctions.values()][0]!.lambda)];
    expect(evaluateString(fn.Properties.Environment.Variables.CORS_ORIGINS).split(',')).toEqual([
      'http://localhost:3000',
      `https://<${logicalIdOf(custom.dashboard.distribution)}.DomainName>`,
      'https://registry.example.org',
      'https://www.registry.example.org',
    ]);
  });
});

describe("the dashboard's acknowledgments", () => {
  it('cover only its own resources: another unlogged bucket or wildcard role still fails', () => {
    const { app, stack: other } = createApp({ bundle: false });
    new Bucket(other, 'UnloggedBucket', { enforceSSL: true });
    const role = new Role(other, 'WildcardRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject*'], resources: ['*'] }));
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    // The report: one block per finding, the resource's path then the rule to acknowledge.
    const findings = message.split(/\n\s*\n/);
    const finding = (path: string, rule: string) => findings.some((block) => block.includes(`/${path}/`) && block.includes(rule));
    expect(finding('UnloggedBucket', "'AwsSolutions::AwsSolutions-S1'")).toBe(true);
    expect(finding('WildcardRole', 'AwsSolutions-IAM5[Action::s3:GetObject*]')).toBe(true);
  });
});

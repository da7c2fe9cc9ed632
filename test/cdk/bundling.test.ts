import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createApp } from '../../lib/app-factory';
import type { FunctionName } from '../../lambdas/routes';
import { UNBUNDLED_CREDENTIAL_LINKS } from '../../lib/function/bundle-options';
import { logicalIdOf } from './support/registry-template';
import { restEvent, ROUND_ID } from '../support/unit-events';

// The only test that runs esbuild: every other CDK test skips bundling to stay fast.
describe('function bundles', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'registry-bundles-'));
  const { app, stack } = createApp({ bundle: true, outdir });
  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
    CloudAssembly.cleanupTemporaryDirectories();
  });
  const assembly = app.synth();
  const template = assembly.getStackArtifact(stack.artifactId).template;
  const names = [...stack.deployedFunctions.keys()];
  const bundleOf = (name: FunctionName) => {
    const fn = stack.deployedFunctions.get(name)!;
    const s3Key: string = template.Resources[logicalIdOf(fn.lambda)].Properties.Code.S3Key;
    return join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`, 'index.mjs');
  };
  const codeOf = (name: FunctionName) => readFileSync(bundleOf(name), 'utf8');

  it.each(names)('%s is bundled as a source-mapped ESM file', (name) => {
    const bundle = bundleOf(name);
    expect(existsSync(bundle), `${bundle} missing`).toBe(true);
    expect(existsSync(`${bundle}.map`)).toBe(true);
    const code = codeOf(name);
    // The createRequire banner comes first, so CommonJS dependencies can require built-ins.
    expect(code.slice(0, 200)).toContain('createRequire');
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
  });

  // The budget, checked where it is deterministic (the benchmark prints the figures).
  it.each(names)('%s stays within 400 KB (1 KB = 1,000 bytes)', (name) => {
    expect(readFileSync(bundleOf(name)).length).toBeLessThanOrEqual(400_000);
  });

  it.each(names)('%s imports no package at load, and leaves out only the credential links that never load on Lambda', (name) => {
    const code = codeOf(name);
    const staticImports = [...code.matchAll(/(?:^|[;}\n])import\s*(?:[\w*${},\s]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(staticImports.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    const dynamicImports = new Set([...code.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!));
    const packages = [...dynamicImports].filter((specifier) => !specifier.startsWith('node:'));
    for (const specifier of packages) expect(UNBUNDLED_CREDENTIAL_LINKS).toContain(specifier);
  });

  it.each(names.filter((name) => name !== 'openapi-read'))('%s carries the AWS SDK’s DynamoDB client and no hand-written signer', (name) => {
    const code = codeOf(name);
    // Strings only the SDK's client carries: its service target and its user agent header.
    expect(code).toContain('DynamoDB_20120810');
    expect(code).toContain('x-amz-user-agent');
    expect(code).not.toContain('AWS4-HMAC-SHA256 Credential=');
  });

  it('openapi-read carries no DynamoDB client', () => {
    expect(codeOf('openapi-read')).not.toContain('DynamoDB_20120810');
  });

  describe('signing, as the bundle runs on Lambda', () => {
    let seen: IncomingHttpHeaders | undefined;
    const server = createServer((req, res) => {
      seen = req.headers;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end('{}');
      });
    });
    beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('rounds-read signs with the environment’s credentials, session token included', async () => {
      const dir = mkdtempSync(join(outdir, 'bundle-signing-'));
      const eventFile = join(dir, 'event.json');
      writeFileSync(eventFile, JSON.stringify(restEvent({ method: 'GET', resource: '/rounds/{id}', pathParameters: { id: ROUND_ID } })));
      const script = [
        `const { handler } = await import(${JSON.stringify(bundleOf('rounds-read'))});`,
        `const event = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(eventFile)}, 'utf8'));`,
        `const result = await handler(event, { awsRequestId: 'signing', getRemainingTimeInMillis: () => 10000 });`,
        // Last, after the handler's own log lines and metric blobs.
        "process.stdout.write(`status ${result.statusCode}\\n`);",
      ].join('\n');
      // Only what the Lambda runtime would set: no DYNAMODB_ENDPOINT, no HOME with shared config files.
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'ASIABUNDLEKEY',
        AWS_SECRET_ACCESS_KEY: 'bundle-secret',
        AWS_SESSION_TOKEN: 'bundle-session-token',
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        TABLE_NAME: 'registry',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
      });
      const lines = out.trim().split('\n');
      // The table answered no item: the function says 404, after one signed GetItem.
      expect(lines.at(-1)).toBe('status 404');
      // As on Lambda, the bundle logs its request and publishes its metrics (Powertools) on stdout.
      const logged = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toContainEqual(expect.objectContaining({ message: 'request', route: 'GET /rounds/{id}', status: 404, function_request_id: 'signing' }));
      expect(logged).toContainEqual(expect.objectContaining({ _aws: expect.anything(), route: 'GET /rounds/{id}', Requests: 1, ClientErrors: 1 }));
      expect(seen?.['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
      expect(seen?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIABUNDLEKEY\/\d{8}\/eu-central-1\/dynamodb\/aws4_request, /);
      expect(seen?.['x-amz-security-token']).toBe('bundle-session-token');
    });
  });
});

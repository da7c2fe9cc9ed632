/**
 * Child process of the bundle-size section: synthesizes the app exactly as `cdk synth` does (real
 * esbuild bundling, cdk-nag) into the directory given, then prints which asset each function got,
 * with the environment the function's template gives it. Run apart so that esbuild's and CDK's
 * output stays out of the benchmark's report.
 */
import { join } from 'node:path';
import { createApp } from '../../lib/app-factory';
import type { CfnElement } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';

export interface SynthesizedBundle {
  readonly fn: string;
  /** The asset directory in cdk.out; `index.mjs` is the bundle. */
  readonly dir: string;
  /** The function's environment variables that are plain strings (TABLE_NAME is a reference). */
  readonly environment: Record<string, string>;
}

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: synth-bundles.ts <outdir>');

const { app, stack } = createApp({ bundle: true, outdir });
const assembly = app.synth();
const template = assembly.getStackArtifact(stack.artifactId).template as {
  Resources: Record<string, { Properties: { Code: { S3Key: string }; Environment?: { Variables?: Record<string, unknown> } } }>;
};
const bundles: SynthesizedBundle[] = [...stack.deployedFunctions].map(([fn, construct]) => {
  const logicalId = Stack.of(construct).resolve((construct.lambda.node.defaultChild as CfnElement).logicalId) as string;
  const properties = template.Resources[logicalId]!.Properties;
  const environment = Object.fromEntries(
    Object.entries(properties.Environment?.Variables ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return { fn, dir: join(assembly.directory, `asset.${properties.Code.S3Key.replace(/\.zip$/, '')}`), environment };
});
process.stdout.write(`${JSON.stringify(bundles)}\n`);

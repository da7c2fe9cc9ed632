import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { afterAll } from 'vitest';
import { createApp, type CreateAppOptions, type RegistryApp } from '../../../lib/app-factory';

export interface SynthesizedRegistry extends RegistryApp {
  readonly template: Template;
  /** The template's Resources section, for checks that walk many resources. */
  readonly resources: Record<string, { Type: string; Properties?: any; DeletionPolicy?: string }>;
}

/**
 * An App without an outdir makes a new `cdk.out*` folder in the system temp directory as it is
 * constructed, and CDK removes those only when the process exits normally, which a test worker
 * does not: each run left them behind. Here one folder per test file, removed after the file's
 * tests, with the folders of any App the file built without an outdir.
 */
let outRoot: string | undefined;
let synthesized = 0;
afterAll(() => {
  if (outRoot) rmSync(outRoot, { recursive: true, force: true });
  outRoot = undefined;
  CloudAssembly.cleanupTemporaryDirectories();
});
function nextOutdir(): string {
  outRoot ??= mkdtempSync(join(tmpdir(), 'registry-synth-'));
  return join(outRoot, String(++synthesized));
}

/** The app as `cdk synth` builds it (cdk.json context, cdk-nag), without esbuild for speed. */
export function synthesizeRegistry(options: CreateAppOptions = {}): SynthesizedRegistry {
  const registry = createApp({ bundle: false, outdir: nextOutdir(), ...options });
  const template = Template.fromStack(registry.stack);
  return { ...registry, template, resources: template.toJSON().Resources };
}

/** The logical id of a construct's CloudFormation resource (the L2's default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).resolve(element.logicalId) as string;
}

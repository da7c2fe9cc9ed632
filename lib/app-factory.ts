import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ExchangeRegistryStack, type ExchangeRegistryStackProps } from './exchange-registry-stack';
import { projectRoot } from './project-root';

export const STACK_NAME = 'ExchangeRegistryStack';

export interface CreateAppOptions {
  /** false skips esbuild (context `aws:cdk:bundling-stacks: []`): for fast template tests. */
  readonly bundle?: boolean;
  /** Context over cdk.json's (the CLI's `-c` still wins over both). */
  readonly context?: Record<string, unknown>;
  /** Where the cloud assembly goes. @default the CLI's, else a temporary directory */
  readonly outdir?: string;
  readonly stackProps?: ExchangeRegistryStackProps;
}

export interface RegistryApp {
  readonly app: App;
  readonly stack: ExchangeRegistryStack;
}

/**
 * Builds the app exactly as `cdk synth` does: cdk.json's context (feature flags included, which
 * an App built in a test would otherwise lack), the stack, and cdk-nag's AWS Solutions checks.
 * Any unacknowledged finding fails synthesis (`cdk synth` exits 1, `app.synth()` throws).
 */
export function createApp(options: CreateAppOptions = {}): RegistryApp {
  const context: Record<string, unknown> = {
    ...cdkJsonContext(),
    ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    ...options.context,
  };
  const app = new App({ context, outdir: options.outdir });
  const stack = new ExchangeRegistryStack(app, STACK_NAME, options.stackProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

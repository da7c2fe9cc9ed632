import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { createApp, type CreateAppOptions, type RegistryApp } from '../../../lib/app-factory';

export interface SynthesizedRegistry extends RegistryApp {
  readonly template: Template;
  /** The template's Resources section, for checks that walk many resources. */
  readonly resources: Record<string, { Type: string; Properties?: any; DeletionPolicy?: string }>;
}

/** The app as `cdk synth` builds it (cdk.json context, cdk-nag), without esbuild for speed. */
export function synthesizeRegistry(options: CreateAppOptions = {}): SynthesizedRegistry {
  const registry = createApp({ bundle: false, ...options });
  const template = Template.fromStack(registry.stack);
  return { ...registry, template, resources: template.toJSON().Resources };
}

/** The logical id of a construct's CloudFormation resource (the L2's default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).resolve(element.logicalId) as string;
}

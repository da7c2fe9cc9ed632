/**
 * The document is made at build time: no Lambda bundle carries the generator, zod's JSON Schema
 * converter or the response schemas, and the function that serves it carries no AWS SDK.
 */
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lambdaFunctions, type FunctionName } from '../../lambdas/routes';

const projectRoot = new URL('../../', import.meta.url).pathname;

async function inputsOf(fn: FunctionName): Promise<string[]> {
  const result = await build({
    entryPoints: [lambdaFunctions[fn].entry],
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // What ends up in the bundle: modules esbuild imported but tree-shook away contribute 0 bytes.
  const [output] = Object.values((result.metafile as Metafile).outputs);
  return Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
}

describe('Lambda bundles', () => {
  it.each(Object.keys(lambdaFunctions) as FunctionName[])('%s holds no OpenAPI generation code', async (fn) => {
    const inputs = await inputsOf(fn);
    expect(inputs.filter((input) => input.startsWith('bin/'))).toEqual([]);
    expect(inputs.filter((input) => /to-json-schema|json-schema-processors|json-schema-generator/.test(input))).toEqual([]);
    expect(inputs.some((input) => /ajv|@redocly/.test(input))).toBe(false);
  });

  it('openapi-read carries the document but not the AWS SDK', async () => {
    const inputs = await inputsOf('openapi-read');
    expect(inputs).toContain('docs/openapi.json');
    expect(inputs.filter((input) => input.includes('@aws-sdk'))).toEqual([]);
  });
});

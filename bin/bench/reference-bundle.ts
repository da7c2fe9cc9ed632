/**
 * Bundling a reference handler (bin/bench/reference/) with the esbuild options that
 * RegistryFunction gives NodejsFunction, so that a reference differs from a function in its code
 * only. bin/bench/levers.ts changes one option at a time from here.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { BUNDLE_MAIN_FIELDS, CREATE_REQUIRE_BANNER, UNBUNDLED_CREDENTIAL_LINKS } from '../../lib/function/bundle-options';
import { projectRoot } from '../../lib/project-root';

/** lib/function/registry-function.ts's `bundling`, as NodejsFunction hands it to esbuild. */
export const functionBuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  mainFields: [...BUNDLE_MAIN_FIELDS],
  banner: { js: CREATE_REQUIRE_BANNER },
  external: [...UNBUNDLED_CREDENTIAL_LINKS],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
};

export const referenceEntry = (name: string) => join(projectRoot, 'bin', 'bench', 'reference', `${name}.ts`);

/** Bundles `bin/bench/reference/<name>.ts` to `<outDir>/index.mjs`; answers the file and its size. */
export async function bundleReference(name: string, outDir: string, overrides: BuildOptions = {}): Promise<{ file: string; bytes: number }> {
  const file = join(outDir, 'index.mjs');
  await build({
    ...functionBuildOptions,
    ...overrides,
    entryPoints: [referenceEntry(name)],
    outfile: file,
    absWorkingDir: projectRoot,
    logLevel: 'silent',
  });
  return { file, bytes: statSync(file).size };
}

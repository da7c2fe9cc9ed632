/**
 * The esbuild options of the function bundles that are the project's own choice (RegistryFunction
 * passes them to NodejsFunction; the benchmark bundles its reference handlers with them too).
 * Plain data, no CDK import.
 */

/**
 * ESM bundles still meet CommonJS dependencies that call `require('os')` and friends; esbuild's
 * shim throws "Dynamic require of 'os'" unless a real `require` exists in module scope. The alias
 * keeps the banner's import from clashing with a bundled module's own `createRequire` import.
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __registryCreateRequire } from 'node:module';" +
  'const require = __registryCreateRequire(import.meta.url);';

/** ESM builds of dependencies first: they tree-shake; CommonJS builds are the fallback. */
export const BUNDLE_MAIN_FIELDS: readonly string[] = ['module', 'main'];

/**
 * Packages that the bundles replace (esbuild `--alias`, paths relative to the project root, where
 * CDK runs esbuild). The SDK's default credential chain becomes the environment variables that
 * Lambda sets from the execution role: the chain's other providers never run on Lambda, and with
 * the STS/SSO/sign-in clients they pull in they were a third of every bundle (about 135 KB) and
 * 15–20 ms of its cold start (docs/benchmarks.md). Only the bundles see this; the local server
 * and the tests run the sources with the full chain.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': './lambdas/store/env-credentials.ts',
};

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

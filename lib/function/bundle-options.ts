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
 * Left out of the bundles (NodejsFunction `externalModules`): the links of the SDK's default
 * credential chain that @aws-sdk/credential-provider-node loads with `await import()`, only when a
 * client was given no credentials. The functions' client always is (lambdas/store/client.ts passes
 * the SDK's environment provider), so they never load; bundled, they and the STS, SSO and sign-in
 * clients they need were over a quarter of every bundle (about 115 KB, docs/benchmarks.md), because
 * client-dynamodb imports the chain statically and no bundler can drop it (aws-sdk-js-v3 #5516).
 * Nothing is swapped: each stays a dynamic import that would fail loudly ("Cannot find package")
 * if it were ever reached. test/cdk/bundling.test.ts checks that no other package is left out.
 */
export const UNBUNDLED_CREDENTIAL_LINKS: readonly string[] = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

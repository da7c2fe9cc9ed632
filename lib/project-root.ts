import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the repository root. Lambda entries in the route table are relative to it,
 * and esbuild resolves packages from its lockfile, whatever the current directory is (CLI, tests).
 */
export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * `node --import tsx lib/dashboard/build-asset.ts <dir>`: builds the dashboard (bin/dashboard/build.ts)
 * into `dir`, which must exist. The CDK asset of the dashboard's files runs it at synth
 * (dashboard-files.ts): a child process because CDK's local bundling is synchronous and the build
 * is not. Prints nothing on success (a caller may be reading stdout, as bin/bench/synth-bundles.ts does).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDashboard } from '../../bin/dashboard/build';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: build-asset.ts <existing output directory>');
  process.exit(2);
}
for (const file of await buildDashboard()) writeFileSync(join(dir, file.name), file.body);

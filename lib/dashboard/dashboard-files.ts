import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { DASHBOARD_SOURCE_DIR } from '../../bin/dashboard/build';
import { projectRoot } from '../project-root';

const BUILD_SCRIPT = fileURLToPath(new URL('./build-asset.ts', import.meta.url));

/**
 * Runs the dashboard's build into `outputDir` (the build of `npm run build:dashboard`, so the
 * deployed page is byte for byte the one `npm start` serves): index.html, the content-hashed
 * script and stylesheet, the favicon. Throws with the build's own message when it fails.
 */
export function buildDashboardInto(outputDir: string): void {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, outputDir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not build the dashboard for its asset: ${stderr || (error as Error).message}`);
  }
}

/**
 * The dashboard's built files as a BucketDeployment source, built at synth from dashboard/ by
 * local bundling: no dist/ needs to exist, nothing is downloaded, no Docker (the image is never
 * pulled: local bundling always succeeds or throws). The asset hash is the output's, so that a
 * change to the build or to a locked library, not only to dashboard/, makes a new asset.
 *
 * Synth without bundling (`aws:cdk:bundling-stacks: []`, the template tests) skips the build and
 * stages dashboard/ as it is, as it does for the functions.
 */
export function dashboardFiles(): ISource {
  return Source.asset(DASHBOARD_SOURCE_DIR, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('local-bundling-only'),
      local: {
        tryBundle(outputDir: string): boolean {
          buildDashboardInto(outputDir);
          return true;
        },
      },
    },
  });
}

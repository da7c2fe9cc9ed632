/**
 * `npm run build:dashboard`: the public dashboard (dashboard/) built by esbuild into dist/dashboard/:
 * index.html, one minified script and one stylesheet (content-hashed names, so that a host may
 * cache them for good and only index.html and config.json are revalidated), and the favicon.
 * No config.json: each host writes its own (`npm start` answers `{"apiUrl": ""}`; the AWS stack
 * generates one with the API's URL).
 *
 * `npm start` calls ensureDashboard(): it rebuilds only when dist/dashboard is missing or older than
 * its sources, and serves the files from memory. The folder is replaced whole (built aside, then
 * renamed), so that `npm start`s running side by side (the HTTP tests) never see half a build.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { projectRoot } from '../../lib/project-root';

export const DASHBOARD_SOURCE_DIR = join(projectRoot, 'dashboard');
export const DASHBOARD_BUILD_DIR = join(projectRoot, 'dist', 'dashboard');
/** HTML + JS + CSS, gzipped (the budget); KB as the benchmark counts it, 1,000 bytes (the stricter reading). */
export const DASHBOARD_WEIGHT_BUDGET_BYTES = 150 * 1000;

export interface BuiltFile {
  /** The file's name in the build folder (no folders: the build is flat). */
  readonly name: string;
  readonly body: Buffer;
}

/** Everything a change to which must rebuild: the page's sources, the locked library versions, this build. */
function inputs(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
  return [...walk(DASHBOARD_SOURCE_DIR), join(projectRoot, 'package-lock.json'), new URL(import.meta.url).pathname];
}

const esbuildOptions = (outdir: string): BuildOptions => ({
  absWorkingDir: projectRoot,
  entryPoints: { main: join(DASHBOARD_SOURCE_DIR, 'src', 'main.ts'), style: join(DASHBOARD_SOURCE_DIR, 'style.css') },
  entryNames: '[name]-[hash]',
  outdir,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  // Current browsers (the contract: "works in current browsers without a build step on the user's side").
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  tsconfig: join(DASHBOARD_SOURCE_DIR, 'tsconfig.json'),
  legalComments: 'eof',
  charset: 'utf8',
  write: false,
  logLevel: 'silent',
});

/** Builds in memory: [index.html, main-<hash>.js, style-<hash>.css, favicon.svg]. */
export async function buildDashboard(): Promise<BuiltFile[]> {
  const result = await build(esbuildOptions(DASHBOARD_BUILD_DIR));
  const outputs = result.outputFiles ?? [];
  const script = outputs.find((file) => file.path.endsWith('.js'));
  const style = outputs.find((file) => file.path.endsWith('.css'));
  if (!script || !style || outputs.length !== 2) throw new Error(`esbuild wrote ${outputs.map((file) => basename(file.path)).join(', ') || 'nothing'}; expected one script and one stylesheet`);
  const scriptName = basename(script.path);
  const styleName = basename(style.path);

  let html = readFileSync(join(DASHBOARD_SOURCE_DIR, 'index.html'), 'utf8');
  for (const [placeholder, name] of [
    ['src="main.js"', `src="${scriptName}"`],
    ['href="style.css"', `href="${styleName}"`],
  ] as const) {
    if (html.split(placeholder).length !== 2) throw new Error(`dashboard/index.html must contain ${placeholder} exactly once`);
    html = html.replace(placeholder, name);
  }
  return [
    { name: 'index.html', body: Buffer.from(html, 'utf8') },
    { name: scriptName, body: Buffer.from(script.contents) },
    { name: styleName, body: Buffer.from(style.contents) },
    { name: 'favicon.svg', body: readFileSync(join(DASHBOARD_SOURCE_DIR, 'favicon.svg')) },
  ];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders a build left beside `dir` when its process was stopped mid-write (npm start stopped while building). */
function removeLeftovers(dir: string): void {
  const parent = dirname(dir);
  const pattern = new RegExp(`^${basename(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:tmp|old)-(\\d+)-[0-9a-f]+$`);
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    const pid = pattern.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** Replaces `dir` with the files, whole: written to a folder beside it, then renamed into place. */
export function writeBuild(files: readonly BuiltFile[], dir = DASHBOARD_BUILD_DIR): void {
  removeLeftovers(dir);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = `${dir}.tmp-${tag}`;
  const old = `${dir}.old-${tag}`;
  mkdirSync(fresh, { recursive: true });
  try {
    // index.html last: its time is the build's (see isStale).
    for (const file of [...files].sort((a, b) => Number(a.name === 'index.html') - Number(b.name === 'index.html'))) writeFileSync(join(fresh, file.name), file.body);
    try {
      renameSync(dir, old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      renameSync(fresh, dir);
    } catch (error) {
      // Another build renamed its folder into place between the two renames: the same sources, so the same files.
      if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

/** The build folder's files, or undefined when it is missing or incomplete (a file that index.html names is not there). */
export function readBuild(dir = DASHBOARD_BUILD_DIR): BuiltFile[] | undefined {
  try {
    const names = readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile());
    if (!names.includes('index.html')) return undefined;
    const files = names.map((name) => ({ name, body: readFileSync(join(dir, name)) }));
    const html = files.find((file) => file.name === 'index.html')!.body.toString('utf8');
    const named = [...html.matchAll(/(?:src|href)="([^":/#]+)"/g)].map((match) => match[1]!);
    return named.every((name) => names.includes(name)) ? files : undefined;
  } catch {
    return undefined;
  }
}

/** True when the build folder has no index.html or it is older than any input. */
export function isStale(dir = DASHBOARD_BUILD_DIR): boolean {
  const built = join(dir, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return inputs().some((file) => statSync(file).mtimeMs > builtAt);
}

export interface EnsuredDashboard {
  readonly files: BuiltFile[];
  /** False when the build folder was up to date and read as it was. */
  readonly built: boolean;
  readonly ms: number;
}

/** The dashboard's files: the build folder's when it is up to date, else built now (and written there). */
export async function ensureDashboard(dir = DASHBOARD_BUILD_DIR): Promise<EnsuredDashboard> {
  const started = performance.now();
  if (!isStale(dir)) {
    const files = readBuild(dir);
    if (files) return { files, built: false, ms: performance.now() - started };
  }
  const files = await buildDashboard();
  writeBuild(files, dir);
  return { files, built: true, ms: performance.now() - started };
}

export interface Weight {
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly gzipped: number }[];
  /** index.html + script + stylesheet, gzipped (level 9), as the budget counts them. */
  readonly gzipped: number;
  readonly bytes: number;
}

export function weightOf(files: readonly BuiltFile[]): Weight {
  const counted = files
    .filter((file) => /\.(html|js|css)$/.test(file.name))
    .map((file) => ({ name: file.name, bytes: file.body.length, gzipped: gzipSync(file.body, { level: 9 }).length }));
  return { files: counted, gzipped: counted.reduce((sum, file) => sum + file.gzipped, 0), bytes: counted.reduce((sum, file) => sum + file.bytes, 0) };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

async function main(): Promise<void> {
  const started = performance.now();
  const files = await buildDashboard();
  writeBuild(files);
  const weight = weightOf(files);
  for (const file of weight.files) console.log(`  ${file.name.padEnd(28)} ${kb(file.bytes).padStart(9)}  ${kb(file.gzipped).padStart(8)} gzipped`);
  const verdict = weight.gzipped <= DASHBOARD_WEIGHT_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(`dist/dashboard built in ${((performance.now() - started) / 1000).toFixed(2)} s: ${kb(weight.gzipped)} gzipped (HTML + JS + CSS), ${verdict} the ${kb(DASHBOARD_WEIGHT_BUDGET_BYTES)} budget`);
  if (verdict !== 'within') process.exitCode = 1;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`Could not build the dashboard: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

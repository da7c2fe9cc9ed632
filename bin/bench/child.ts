/**
 * Child processes of the benchmark: every one is bounded in time, and every long-lived one is
 * registered so that an interrupted or failed run still stops what it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../lib/project-root';

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time from spawn to exit, in milliseconds. */
  readonly ms: number;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** The child is killed (SIGKILL, by its pid) if it runs longer. */
  readonly timeoutMs: number;
}

/** Runs a command to its end and answers its output and wall time; a timeout is an error. */
function runChild(command: string, args: readonly string[], options: RunOptions): Promise<ChildRun> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: options.env, cwd: options.cwd ?? projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      // 'exit' can come before the pipes are drained; 'close' is after both.
      child.once('close', () => {
        const run = { code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), ms };
        if (timedOut) reject(new Error(`${command} ${args.join(' ')} took over ${options.timeoutMs} ms:\n${run.stderr.slice(-2000)}`));
        else resolveRun(run);
      });
    });
  });
}

/** Runs a command that must succeed; answers its stdout. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions): Promise<string> {
  const run = await runChild(command, args, options);
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${run.code ?? run.signal}:\n${(run.stderr || run.stdout).slice(-4000)}`);
  }
  return run.stdout;
}

/** Node with tsx's loader, as `npm start` runs the project: for children that run TypeScript (path from the project root). */
export const tsNode = (script: string, ...args: string[]): [string, string[]] => [
  process.execPath,
  ['--import', 'tsx', join(projectRoot, script), ...args],
];

const cleanups = new Set<() => Promise<void> | void>();

/** Something to stop when the run ends, however it ends. Answers a function that unregisters it. */
export function onCleanup(stop: () => Promise<void> | void): () => void {
  cleanups.add(stop);
  return () => cleanups.delete(stop);
}

export async function cleanupAll(): Promise<void> {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const stop of pending) {
    try {
      await stop();
    } catch {
      // Best effort: the others must still be stopped.
    }
  }
}

/** Stops a long-lived child by its pid: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** A minimal environment for measured children: nothing of the parent's loaders or npm's variables. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TZ'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...extra };
}

/** Runs a benchmark entry point and ends the process: 0 when it finished, 1 (after cleaning up) when it threw. */
export function runToExit(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    async (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      await cleanupAll();
      process.exit(1);
    },
  );
}

/** Starts the API the way a user does (`npm start`), in its own process group, and stops it with Ctrl-C's signal. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from '../../bin/local/dynamodb-local';
import { expectToMatchContract } from './contract';

const projectRoot = new URL('../../', import.meta.url).pathname;

/** npm itself may end by the signal (code null) while the API under it exits 0. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StartedApi {
  readonly baseUrl: string;
  readonly port: number;
  readonly child: ChildProcess;
  output(): string;
  /** SIGINT to the whole process group, as a terminal's Ctrl-C; resolves when npm has exited. */
  interrupt(): Promise<Exit>;
}

/** `npm start` spawned, not waited for: for what happens while it starts. */
export async function spawnNpmStart(args: string[] = [], env: Record<string, string> = {}, port?: number): Promise<StartedApi> {
  const chosenPort = port ?? (await freePort());
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(chosenPort), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    baseUrl: `http://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    child,
    output: () => output,
    interrupt: async () => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
      return exited;
    },
  };
}

/** `npm start`, resolved once it says it is ready (or has exited). */
export async function npmStart(args: string[] = [], env: Record<string, string> = {}, port?: number): Promise<StartedApi> {
  const started = await spawnNpmStart(args, env, port);
  const deadline = Date.now() + 90_000;
  while (!started.output().includes('Exchange Registry API on')) {
    if (started.child.exitCode !== null) return started;
    if (Date.now() > deadline) {
      await started.interrupt();
      throw new Error(`npm start did not become ready:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return started;
}

export async function waitForExit(api: StartedApi, ms = 30_000): Promise<number | null> {
  if (api.child.exitCode !== null) return api.child.exitCode;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('process did not exit')), ms);
    api.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** True while any process of the group still runs (npm, tsx, node, java). */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function npmToken(role: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'token', '--', role], { cwd: projectRoot, env: { ...process.env, ...env } });
  return stdout.trim();
}

export interface CheckedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** `fetch` against the started API; the answer (errors included) must keep the OpenAPI contract. */
export async function checkedFetch(baseUrl: string, path: string, init: RequestInit = {}): Promise<CheckedAnswer> {
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  expectToMatchContract(init.method ?? 'GET', path, response.status, response.headers, text);
  return { status: response.status, headers: response.headers, text };
}

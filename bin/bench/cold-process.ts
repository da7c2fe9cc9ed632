/**
 * One cold start: a fresh Node process that imports a bundle through cold-runner.mjs and answers
 * one event, timed from spawn to the first byte of its answer. Shared by the cold-init section and
 * bin/bench/levers.ts, so that both measure a start the same way.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cleanEnv } from './child';
import { projectRoot } from '../../lib/project-root';

export const COLD_RUNNER = join(projectRoot, 'bin', 'bench', 'cold-runner.mjs');
/** A bare start: the same environment, no bundle, one line printed as soon as Node can. */
export const BARE_NODE_ARGS: readonly string[] = ['-e', 'process.stdout.write("ready\\n")'];

export interface ColdSample {
  /** Spawn to the first byte of the answer on stdout. */
  readonly answerMs: number;
  readonly status?: number;
  readonly importMs?: number;
  readonly requestMs?: number;
  /** The same request again in the same process, right after the first. */
  readonly warmRequestMs?: number;
  readonly warmStatus?: number;
  readonly body?: string;
}

export function runColdProcess(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<ColdSample & { out: string; err: string }> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    let answerMs = 0;
    let firstByteMs = 0;
    let out = '';
    let err = '';
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      // The runner's `answered` line, not the first byte: the handler's own log lines come before it.
      if (!firstByteMs) firstByteMs = performance.now() - started;
      out += chunk.toString();
      if (!answerMs && /(^|\n)answered\n/.test(out)) answerMs = performance.now() - started;
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${err.slice(-2000)}`));
      let parsed: Partial<ColdSample> = {};
      try {
        parsed = out.trim() ? (JSON.parse(out.trim().split('\n').pop()!) as Partial<ColdSample>) : {};
      } catch {
        // A bare start prints no JSON.
      }
      // A bare start prints one line and no `answered`.
      resolveRun({ ...parsed, answerMs: answerMs || firstByteMs, out, err });
    });
  });
}

/**
 * The environment AWS Lambda gives a function: its role's credentials in AWS_ACCESS_KEY_ID/…,
 * AWS_REGION, an empty HOME (no shared config files), and DynamoDB Local through
 * AWS_ENDPOINT_URL_DYNAMODB rather than DYNAMODB_ENDPOINT, so that the SDK's credential and
 * endpoint resolution take the path they take on AWS.
 */
export function lambdaEnvironment(options: { home: string; endpoint: string; tableName: string }, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cleanEnv({
    HOME: options.home,
    AWS_REGION: 'eu-central-1',
    AWS_DEFAULT_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'ASIABENCHMARKKEY',
    AWS_SECRET_ACCESS_KEY: 'benchmark-secret',
    AWS_SESSION_TOKEN: 'benchmark-session-token',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    TABLE_NAME: options.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: options.endpoint,
    ...extra,
  });
}

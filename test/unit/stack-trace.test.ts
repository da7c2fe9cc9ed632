import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mapStackFrame } from '../../lambdas/stack-trace';

// A bundle made as the functions' are (minified ESM, source map beside it, no sources content),
// from a module under lambdas/ so that the project-relative part of the source name is kept.
const dir = mkdtempSync(join(tmpdir(), 'stack-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundledFrames(): Promise<string[]> {
  const entry = join(dir, 'lambdas', 'thrower.ts');
  mkdirSync(join(dir, 'lambdas'), { recursive: true });
  writeFileSync(
    entry,
    [
      'export function fail(): never {',
      "  throw new Error('boom');",
      '}',
      'export function stack(): string {',
      '  try {',
      '    fail();',
      '  } catch (error) {',
      '    return (error as Error).stack ?? "";',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const outfile = join(dir, 'out', 'index.mjs');
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', minify: true, sourcemap: true, sourcesContent: false, logLevel: 'silent' });
  // In a plain node process: vitest would map the frames itself.
  const script = `const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); process.stdout.write(m.stack());`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return run.stdout.split('\n').slice(1, 3);
}

describe('stack frames of a minified bundle', () => {
  it('point at the TypeScript source, line and column, through the map beside the bundle', async () => {
    const [thrown, caller] = await bundledFrames();
    expect(thrown).toMatch(/index\.mjs:1:\d+/);
    expect(mapStackFrame(thrown!)).toMatch(/\(lambdas\/thrower\.ts:2:9\)$/);
    expect(mapStackFrame(caller!)).toMatch(/\(lambdas\/thrower\.ts:6:5\)$/);
  });

  it('stay as they are without a map (the TypeScript sources, Node internals)', () => {
    const frame = '    at answer (file:///work/main/bin/local/server.ts:104:9)';
    expect(mapStackFrame(frame)).toBe(frame);
    const internal = '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
    expect(mapStackFrame(internal)).toBe(internal);
    const noMap = `    at f (${join(dir, 'nowhere.mjs')}:1:10)`;
    expect(mapStackFrame(noMap)).toBe(noMap);
  });
});

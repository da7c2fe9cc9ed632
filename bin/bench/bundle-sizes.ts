/**
 * Bundle size per function: the index.mjs of each function's asset as `cdk synth` writes it
 * (esbuild, minified, the AWS SDK's DynamoDB client and document client bundled: nothing comes
 * from the runtime's copy of the SDK), in bytes and gzipped bytes (zlib, level 9).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runChecked, tsNode } from './child';
import { kb, KB } from './numbers';
import { markdownTable, type SectionResult } from './report';
import type { SynthesizedBundle } from './synth-bundles';
import { UNBUNDLED_CREDENTIAL_LINKS } from '../../lib/function/bundle-options';

export const BUNDLE_BUDGET_BYTES = 400 * KB;

let synthesized: Promise<SynthesizedBundle[]> | undefined;

/** Synthesizes once per run (about 10 s); the cold-init section measures the same files. */
export function synthesizeBundles(workDir: string): Promise<SynthesizedBundle[]> {
  synthesized ??= (async () => {
    const [node, args] = tsNode('bin/bench/synth-bundles.ts', join(workDir, 'cdk.out'));
    const stdout = await runChecked(node, args, { timeoutMs: 180_000 });
    const lastLine = stdout.trim().split('\n').pop() ?? '[]';
    return JSON.parse(lastLine) as SynthesizedBundle[];
  })();
  return synthesized;
}

export const bundleFile = (bundle: SynthesizedBundle) => join(bundle.dir, 'index.mjs');

export async function bundleSizes(workDir: string): Promise<SectionResult> {
  const bundles = await synthesizeBundles(workDir);
  const sizes = bundles
    .map((bundle) => {
      const code = readFileSync(bundleFile(bundle));
      return { fn: bundle.fn, bytes: code.length, gzipped: gzipSync(code, { level: 9 }).length };
    })
    .sort((a, b) => b.bytes - a.bytes);
  const largest = sizes[0]!;
  const over = sizes.filter((size) => size.bytes > BUNDLE_BUDGET_BYTES);
  return {
    id: 'bundle',
    rows: [
      {
        figure: 'bundle size per function',
        measured: `largest ${kb(largest.bytes)} minified, ${kb(largest.gzipped)} gzipped (${largest.fn}); ${sizes.length - over.length} of ${sizes.length} within budget`,
        budget: '≤ 400 KB minified each, AWS SDK bundled',
        verdict: over.length === 0 ? 'met' : 'missed',
      },
    ],
    details: [
      '### Bundle size per function',
      '',
      'The `index.mjs` of each function asset that `createApp({ bundle: true })` synthesizes (the same',
      'esbuild run as `cdk synth`: ESM with `module` before `main`, minified, the AWS SDK v3\'s',
      'DynamoDBClient and document client bundled with every other dependency but the',
      `${UNBUNDLED_CREDENTIAL_LINKS.length} credential-chain links that a function never loads (lib/function/bundle-options.ts), source`,
      'map beside it and not counted); gzipped with zlib level 9.',
      '',
      markdownTable(
        ['function', 'minified', 'gzipped', 'within 400 KB'],
        sizes.map((size) => [size.fn, `${kb(size.bytes)} (${size.bytes.toLocaleString('en-US')} B)`, kb(size.gzipped), size.bytes <= BUNDLE_BUDGET_BYTES ? 'yes' : '**no**']),
      ),
    ].join('\n'),
  };
}

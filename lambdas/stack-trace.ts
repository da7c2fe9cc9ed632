/**
 * Stack traces of the minified bundles, mapped back to the TypeScript sources when an error is
 * logged, from the source map that ships beside each bundle (index.mjs.map). Node's
 * --enable-source-maps does the same for every trace, but it reads and parses the map while the
 * bundle loads, on every cold start (about 3.5 ms here, docs/benchmarks.md); an unexpected error is
 * rare, so the map is read the first time one is logged instead. Frames of files without a map
 * beside them (the TypeScript sources run by the local server and the tests) are left as they are.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | undefined>();

function mapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** `at fn (file:///var/task/index.mjs:1:2345)` → `at fn (lambdas/store/records.ts:57:9)`, where a map says so. */
export function mapStackFrame(frame: string): string {
  return frame.replace(/((?:file:\/\/)?\/[^\s():]+\.m?js):(\d+):(\d+)/, (whole, location: string, line: string, column: string) => {
    const file = location.startsWith('file://') ? fileURLToPath(location) : location;
    const entry = mapOf(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return whole;
    // Sources are named relative to where the bundle was built: keep the project-relative part.
    const source = entry.originalSource.replace(/^.*?\/(?=(?:lambdas|node_modules)\/)/, '');
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

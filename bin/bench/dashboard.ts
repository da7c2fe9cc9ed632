/**
 * The public dashboard: its weight (index.html, the script and the stylesheet of dist/dashboard as
 * `npm run build:dashboard` makes them, gzipped with zlib level 9) and its first render in headless
 * Chromium against the local API (`npm start`'s bin/start.ts, in a process of its own, in memory,
 * seeded with the public record, the statistics refreshed).
 *
 * First render = from navigation start (the page's performance.timeOrigin) to the mark
 * `dashboard:rendered`, which dashboard/src/main.ts sets when every section is filled: the totals,
 * both charts with their tables, the agreements and the timeline, after the page has read
 * config.json, GET /stats and every page of /agreements, /rounds, /repatriations and
 * /negotiations. Each load is a cold one (a fresh browser context: no cache, no connections); the
 * time to the totals alone (`dashboard:totals`) is given beside it. Chromium runs on the same two
 * cores as the API, as a visitor's browser would not: the figure is an upper bound of what a
 * visitor waits on loopback.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, onCleanup, stopChild } from './child';
import { median, percentile } from './numbers';
import { markdownTable, type SectionResult } from './report';
import { freePort } from '../local/dynamodb-local';
import { projectRoot } from '../../lib/project-root';
import { DASHBOARD_WEIGHT_BUDGET_BYTES, ensureDashboard, weightOf } from '../dashboard/build';
import { launchChromium } from '../dashboard/chromium';

export const FIRST_RENDER_BUDGET_MS = 1000;

/** What the page.evaluate callbacks use of the page (the project compiles without the DOM library). */
declare const document: { readonly body: { readonly dataset: Record<string, string | undefined> } };
interface PagePerformance {
  getEntriesByName(name: string): { startTime: number }[];
  getEntriesByType(type: 'navigation'): { responseEnd: number }[];
}

export interface DashboardBenchOptions {
  /** Measured cold loads (after two untimed ones). */
  readonly loads?: number;
  readonly log?: (line: string) => void;
}

interface Load {
  readonly totalsMs: number;
  readonly renderedMs: number;
  readonly responseEndMs: number;
  readonly requests: number;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** `npm start`'s entry, quiet, in memory, seeded: ready once the seed's statistics are refreshed. */
async function startSeededServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bin', 'start.ts'), '--in-memory', '--seed', '--quiet'], {
    cwd: projectRoot,
    env: cleanEnv({ PORT: String(port), LOCAL_DATA_DIR: dataDir, STATS_REFRESH_MINUTES: '1440' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => stopChild(child);
  const unregister = onCleanup(stop);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  // The seed runs after "ready"; the schedule's first refresh follows it.
  while (!/Seed:[\s\S]*stats refreshed/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the seeded local server did not start:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      unregister();
      await stop();
    },
  };
}

export async function dashboardWeight(options: DashboardBenchOptions = {}): Promise<SectionResult> {
  const loads = options.loads ?? 15;
  const log = options.log ?? (() => undefined);
  const ensured = await ensureDashboard();
  const weight = weightOf(ensured.files);

  const dataDir = mkdtempSync(join(tmpdir(), 'exchange-registry-bench-dashboard-'));
  const server = await startSeededServer(dataDir);
  const browser = await launchChromium();
  const unregisterBrowser = onCleanup(() => browser.close());
  const measured: Load[] = [];
  try {
    for (let i = 0; i < loads + 2; i++) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      let requests = 0;
      const failures: string[] = [];
      page.on('requestfinished', () => requests++);
      page.on('requestfailed', (request) => failures.push(request.url()));
      page.on('pageerror', (error) => failures.push(`uncaught: ${(error as Error).message}`));
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(`${server.url}/`, { waitUntil: 'load', timeout: 30_000 });
      await page.waitForFunction(() => (performance as unknown as PagePerformance).getEntriesByName('dashboard:rendered').length > 0, { timeout: 30_000 });
      const marks = await page.evaluate(() => {
        const timing = performance as unknown as PagePerformance;
        const [navigation] = timing.getEntriesByType('navigation');
        return {
          state: document.body.dataset.state,
          totalsMs: timing.getEntriesByName('dashboard:totals')[0]?.startTime ?? Number.NaN,
          renderedMs: timing.getEntriesByName('dashboard:rendered')[0]!.startTime,
          responseEndMs: navigation?.responseEnd ?? Number.NaN,
        };
      });
      await context.close();
      if (marks.state !== 'ready' || failures.length) throw new Error(`the dashboard did not load cleanly (state ${marks.state}): ${failures.join(', ')}`);
      // The first two loads are untimed: Chromium's and the handlers' first use.
      if (i >= 2) measured.push({ totalsMs: marks.totalsMs, renderedMs: marks.renderedMs, responseEndMs: marks.responseEndMs, requests });
      log(`  dashboard load ${i + 1}/${loads + 2}: ${marks.renderedMs.toFixed(0)} ms`);
    }
  } finally {
    unregisterBrowser();
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const rendered = measured.map((load) => load.renderedMs);
  const totals = measured.map((load) => load.totalsMs);
  const p50 = median(rendered);
  const sample = measured[0]!;
  const files = weight.files.map((file) => [file.name, `${file.bytes.toLocaleString('en-US')} B`, kb(file.gzipped)]);
  return {
    id: 'dashboard',
    rows: [
      {
        figure: 'dashboard weight',
        measured: `${kb(weight.gzipped)} gzipped: HTML + JS + CSS (${weight.files.map((file) => `${file.name.replace(/-[A-Z0-9]{8}/, '')} ${kb(file.gzipped)}`).join(', ')})`,
        budget: `≤ ${DASHBOARD_WEIGHT_BUDGET_BYTES / 1000} KB gzipped`,
        verdict: weight.gzipped <= DASHBOARD_WEIGHT_BUDGET_BYTES ? 'met' : 'missed',
      },
      {
        figure: 'dashboard first render',
        measured: `${p50.toFixed(0)} ms p50, ${percentile(rendered, 90).toFixed(0)} ms p90, ${Math.max(...rendered).toFixed(0)} ms max (navigation start → every section filled; ${measured.length} cold loads in headless Chromium, local API, seeded record); totals at ${median(totals).toFixed(0)} ms p50`,
        budget: `≤ ${FIRST_RENDER_BUDGET_MS / 1000} s on this machine`,
        verdict: p50 <= FIRST_RENDER_BUDGET_MS ? 'met' : 'missed',
      },
    ],
    details: [
      '### Dashboard',
      '',
      'Weight: the files of dist/dashboard that a visitor loads (`npm run build:dashboard`: esbuild, minified, Observable Plot',
      'and the parts of d3 it uses bundled), gzipped with zlib level 9; the favicon (an SVG of a few hundred bytes) and',
      'config.json are not counted. KB = 1,000 bytes.',
      '',
      markdownTable(['file', 'bytes', 'gzipped'], [...files, ['total', `${weight.bytes.toLocaleString('en-US')} B`, kb(weight.gzipped)]]),
      '',
      `First render: from navigation start to the page's \`dashboard:rendered\` mark (every section filled, after config.json,`,
      'GET /stats and every page of /agreements, /rounds, /repatriations and /negotiations), read from `performance` in',
      `headless Chromium (puppeteer-core, the system's binary), 1280 × 900, a fresh browser context per load (no cache);`,
      `two untimed loads, then ${measured.length}. The local server is \`bin/start.ts --in-memory --seed\` (its own DynamoDB Local),`,
      `on the same two cores as the browser. One load makes ${sample.requests} requests (the page, its script, stylesheet and icon,`,
      'config.json, and one page of each list at this size).',
      '',
      markdownTable(
        ['', 'p50', 'p90', 'max'],
        [
          ['HTML received (responseEnd)', ...[50, 90, 100].map((p) => `${percentile(measured.map((load) => load.responseEndMs), p).toFixed(0)} ms`)],
          ['totals on the page (`dashboard:totals`)', ...[50, 90, 100].map((p) => `${percentile(totals, p).toFixed(0)} ms`)],
          ['every section filled (`dashboard:rendered`)', ...[50, 90, 100].map((p) => `${percentile(rendered, p).toFixed(0)} ms`)],
        ],
      ),
    ].join('\n'),
  };
}

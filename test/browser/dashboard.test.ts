/**
 * The dashboard in a real browser: headless Chromium (the system's, driven by puppeteer-core)
 * against `npm start -- --in-memory --seed`, as a visitor opens it. The page loads with no console
 * error and no failed request, asks nothing of any origin but the API's, shows the totals, the
 * per-year figures and each agreement's progress exactly as the API answers them, marks disputed
 * and undisclosed figures in words, fits 360 px, and says so visibly when the API fails. Writes a
 * 360 px and a 1280 px screenshot to dist/screenshots/, and the 1280 px one to docs/dashboard.png.
 *
 * Without Chromium this file fails (it does not skip), with how to install it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from '../../bin/dashboard/chromium';
import { npmStart, type StartedApi } from '../support/npm-start';

/** What the callbacks given to page.evaluate use of the page (the project compiles without the DOM library). */
interface PageBox {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly offsetHeight: number;
  getBoundingClientRect(): { top: number; right: number; width: number };
}
declare const document: {
  readonly documentElement: PageBox;
  readonly body: { readonly dataset: Record<string, string | undefined> };
  querySelectorAll(selector: string): Iterable<PageBox>;
  getElementById(id: string): PageBox | null;
};
declare const window: { readonly innerWidth: number; readonly scrollY: number };

const projectRoot = new URL('../../', import.meta.url).pathname;
const SCREENSHOTS = join(projectRoot, 'dist', 'screenshots');
const DOCS_SCREENSHOT = join(projectRoot, 'docs', 'dashboard.png');

type Figure = 'returnedToUkraine' | 'returnedToRussia' | 'bodiesToUkraine' | 'bodiesToRussia';
type Totals = Record<string, number> & { ranges: Record<Figure, { low: number; high: number }> };
interface Stats {
  totals: Totals;
  byYear: (Totals & { year: number })[];
  latest: { daysSinceRound: number | null; roundOn: string | null };
}
type CommittedKey = 'prisonersToUkraine' | 'prisonersToRussia' | 'bodiesToUkraine' | 'bodiesToRussia';
interface Agreement {
  id: string;
  title: string;
  commitments?: { kind: 'prisoners' | 'bodies' }[];
  progress: Record<Figure | 'roundsUndisclosed' | 'rounds', number> & {
    stages: number[];
    committed: Record<CommittedKey, number | null>;
    remaining: Record<CommittedKey, number | null>;
  };
}
interface Round {
  id: string;
  status: string;
  disputed: boolean;
  returnedToUkraine?: { total: number } | null;
  returnedToRussia?: { total: number } | null;
}
interface Repatriation {
  id: string;
  disputed: boolean;
  bodiesToUkraine?: number | null;
  bodiesToRussia?: number | null;
}

let api: StartedApi;
let browser: Browser;
let stats: Stats;
let agreements: Agreement[];
let rounds: Round[];
let repatriations: Repatriation[];

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${api.baseUrl}${path}`);
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await get(`${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** A raw request, the path sent exactly as written (fetch would resolve `..`). */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(api.baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

interface Visit {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
  readonly requested: string[];
}

/** Opens the dashboard at a width and waits until every section is filled (or shows its error). */
async function visit(width: number, prepare?: (page: Page) => Promise<void>): Promise<Visit> {
  const page = await browser.newPage();
  const visit: Visit = { page, consoleErrors: [], failedRequests: [], requested: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') visit.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => visit.consoleErrors.push(`uncaught: ${(error as Error).message}`));
  page.on('request', (request) => visit.requested.push(request.url()));
  page.on('requestfailed', (request) => visit.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) visit.failedRequests.push(`${response.url()}: ${response.status()}`);
  });
  await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
  await prepare?.(page);
  await page.goto(`${api.baseUrl}/`, { waitUntil: 'networkidle0', timeout: 30_000 });
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 15_000 });
  return visit;
}

const textOf = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent ?? '');

beforeAll(async () => {
  // No skip: a machine without Chromium fails here, saying how to install it.
  chromiumPath();
  // INFO: the refresh function's "stats refreshed" line is what says the seed's statistics are there.
  api = await npmStart(['--in-memory', '--seed'], { POWERTOOLS_LOG_LEVEL: 'INFO' });
  if (api.child.exitCode !== null) throw new Error(`npm start exited:\n${api.output()}`);
  // The seed runs after "ready", and the statistics are refreshed once it is done.
  const deadline = Date.now() + 90_000;
  while (!/Seed:[\s\S]*stats refreshed/.test(api.output())) {
    if (Date.now() > deadline) throw new Error(`the seed and the first refresh did not finish:\n${api.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  [stats, agreements, rounds, repatriations] = await Promise.all([get<Stats>('/stats'), all<Agreement>('/agreements'), all<Round>('/rounds'), all<Repatriation>('/repatriations')]);
  expect(stats.totals.rounds).toBeGreaterThan(0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.interrupt();
});

describe('the local server serves the dashboard beside the API', () => {
  it('answers /, the assets and config.json with their content types and security headers', async () => {
    const index = await rawRequest('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect((await rawRequest('GET', '/index.html')).body).toBe(index.body);

    const assets = [...index.body.matchAll(/(?:src|href)="([\w.-]+\.(js|css|svg))"/g)].map((match) => [match[1]!, match[2]!] as const);
    expect(assets.map(([, ext]) => ext).sort()).toEqual(['css', 'js', 'svg']);
    const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
    for (const [name, ext] of assets) {
      const asset = await rawRequest('GET', `/${name}`);
      expect(asset.status, name).toBe(200);
      expect(asset.headers['content-type'], name).toBe(types[ext]);
      expect(asset.headers['x-content-type-options'], name).toBe('nosniff');
      if (ext !== 'svg') expect(asset.headers['cache-control'], name).toContain('immutable');
      const head = await rawRequest('HEAD', `/${name}`);
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(asset.body)));
      const again = await rawRequest('GET', `/${name}`, { 'if-none-match': String(asset.headers.etag) });
      expect(again.status).toBe(304);
    }

    const config = await rawRequest('GET', '/config.json');
    expect(config.status).toBe(200);
    expect(config.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(config.body)).toEqual({ apiUrl: '' });
  });

  it('answers nothing else from the file system: other paths and methods are 404 as before', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/dist/dashboard/index.html', '/dashboard/index.html', '/src/main.ts', '/main.js', '/style.css', '/index.html/', '/.env', '//etc/passwd/x']) {
      const answer = await rawRequest('GET', path);
      expect(answer.status, path).toBe(404);
      expect(JSON.parse(answer.body).error.code, path).toBe('not_found');
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect((await rawRequest(method, '/')).status, `${method} /`).toBe(404);
    }
    // The API's routes are the route table's, as before.
    expect((await rawRequest('GET', '/stats')).status).toBe(200);
  });
});

describe('the dashboard in Chromium', () => {
  it('loads with no console error and no failed request, and asks only the API’s origin', async () => {
    const { page, consoleErrors, failedRequests, requested } = await visit(1280);
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    const origin = new URL(api.baseUrl).origin;
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    // It read every public route it shows.
    for (const path of ['/config.json', '/stats', '/agreements?', '/rounds?', '/repatriations?', '/negotiations?']) {
      expect(requested.some((url) => url.startsWith(`${origin}${path}`)), path).toBe(true);
    }
    // The marks the benchmark reads are set.
    const marks = await page.evaluate(() => ['dashboard:totals', 'dashboard:rendered'].map((name) => performance.getEntriesByName(name).length));
    expect(marks).toEqual([1, 1]);
    await page.close();
  });

  it('shows the totals, the days since the last exchange and the per-year figures of GET /stats', async () => {
    const { page } = await visit(1280);
    const shown = await page.$$eval('[data-total]', (elements) => elements.map((element) => [element.getAttribute('data-total')!, Number(element.getAttribute('value'))] as const));
    const keys = shown.map(([key]) => key);
    for (const key of ['returnedToUkraine', 'returnedToRussia', 'bodiesToUkraine', 'bodiesToRussia', 'rounds', 'repatriations', 'roundsUndisclosed', 'disputed', 'civiliansReturnedToUkraine', 'civiliansReturnedToRussia']) {
      expect(keys, key).toContain(key);
    }
    for (const [key, value] of shown) expect(value, key).toBe(stats.totals[key]);

    expect(Number(await page.$eval('[data-days-since]', (element) => element.getAttribute('value')))).toBe(stats.latest.daysSinceRound);

    const cells = await page.$$eval('td[data-figure]', (elements) => elements.map((element) => ({ figure: element.getAttribute('data-figure')!, year: Number(element.getAttribute('data-year')), value: Number(element.getAttribute('data-value')) })));
    expect(cells).toHaveLength(stats.byYear.length * 4);
    for (const cell of cells) {
      const year = stats.byYear.find((entry) => entry.year === cell.year)!;
      expect(cell.value, `${cell.figure} ${cell.year}`).toBe(year[cell.figure]);
    }
    // Each chart is SVG with a label for screen readers, and has its table beside it.
    expect(await page.$$eval('figure.chart svg[aria-label]', (svgs) => svgs.length)).toBe(2);
    expect(await page.$$eval('table.figures', (tables) => tables.length)).toBe(2);
    await page.close();
  });

  it('shows each agreement’s progress as GET /agreements answers it', async () => {
    const { page } = await visit(1280);
    expect(agreements.length).toBeGreaterThan(0);
    const lines: [CommittedKey, Figure, 'prisoners' | 'bodies', 'ukraine' | 'russia'][] = [
      ['prisonersToUkraine', 'returnedToUkraine', 'prisoners', 'ukraine'],
      ['prisonersToRussia', 'returnedToRussia', 'prisoners', 'russia'],
      ['bodiesToUkraine', 'bodiesToUkraine', 'bodies', 'ukraine'],
      ['bodiesToRussia', 'bodiesToRussia', 'bodies', 'russia'],
    ];
    let bars = 0;
    let unnumbered = 0;
    for (const agreement of agreements) {
      const card = `[data-agreement-id="${agreement.id}"]`;
      expect(await page.$(card), agreement.title).not.toBeNull();
      const { progress } = agreement;
      for (const [key, delivered, kind, side] of lines) {
        const committed = progress.committed[key];
        const selector = `${card} [data-bar][data-kind="${kind}"][data-side="${side}"]`;
        if (committed === null) {
          expect(await page.$(selector), `${agreement.title} ${key}`).toBeNull();
          continue;
        }
        bars++;
        const bar = await page.$eval(selector, (element) => {
          const track = element.querySelector('.track')!;
          const fill = element.querySelector('.fill')!;
          return {
            delivered: Number(element.getAttribute('data-delivered')),
            committed: Number(element.getAttribute('data-committed')),
            remaining: element.getAttribute('data-remaining'),
            upperBound: element.getAttribute('data-upper-bound') !== null,
            valueNow: Number(track.getAttribute('aria-valuenow')),
            valueMax: Number(track.getAttribute('aria-valuemax')),
            role: track.getAttribute('role'),
            share: fill.getBoundingClientRect().width / track.clientWidth,
            text: element.textContent ?? '',
          };
        });
        expect(bar.delivered, `${agreement.title} ${key}`).toBe(progress[delivered]);
        expect(bar.committed).toBe(committed);
        expect(bar.remaining).toBe(String(progress.remaining[key]));
        expect(bar.role).toBe('progressbar');
        expect(bar.valueMax).toBe(committed);
        expect(bar.valueNow).toBe(Math.min(progress[delivered], committed));
        expect(bar.share).toBeCloseTo(Math.min(1, progress[delivered] / committed), 1);
        const number = (n: number) => n.toLocaleString('en-GB');
        expect(bar.text).toContain(`${number(progress[delivered])} of ${number(committed)} committed`);
        const remaining = progress.remaining[key]!;
        if (remaining > 0 && progress.roundsUndisclosed > 0) {
          expect(bar.upperBound, `${agreement.title} ${key}: remaining is an upper bound`).toBe(true);
          expect(bar.text).toMatch(/at most/i);
          expect(bar.text).toContain('upper bound');
        }
      }
      for (const kind of ['prisoners', 'bodies'] as const) {
        const committedKind = lines.filter((line) => line[2] === kind).some(([key]) => progress.committed[key] !== null);
        if (committedKind || !agreement.commitments?.some((commitment) => commitment.kind === kind)) continue;
        unnumbered++;
        expect(await textOf(page, `${card} [data-bar-none][data-kind="${kind}"]`)).toContain('no number committed');
      }
      expect(await page.$eval(`${card} [data-stages]`, (element) => element.getAttribute('data-stages'))).toBe(progress.stages.join(','));
    }
    // The seeded record has numbered commitments, an unnumbered one, and an upper bound.
    expect(bars).toBeGreaterThan(0);
    expect(unnumbered).toBeGreaterThan(0);
    expect(await page.$$eval('[data-bar][data-upper-bound]', (elements) => elements.length)).toBeGreaterThan(0);
    await page.close();
  });

  it('marks disputed and undisclosed figures in words, not only in colour', async () => {
    const { page } = await visit(1280);
    const { totals } = stats;
    // Totals: "at least" where some completed round (or repatriation) withheld the figure; the range where the sources differ.
    const withheld: Record<Figure, number> = {
      returnedToUkraine: rounds.filter((round) => round.status === 'completed' && round.returnedToUkraine == null).length,
      returnedToRussia: rounds.filter((round) => round.status === 'completed' && round.returnedToRussia == null).length,
      bodiesToUkraine: repatriations.filter((repatriation) => repatriation.bodiesToUkraine == null).length,
      bodiesToRussia: repatriations.filter((repatriation) => repatriation.bodiesToRussia == null).length,
    };
    let floors = 0;
    let ranges = 0;
    for (const figure of Object.keys(withheld) as Figure[]) {
      const card = await page.$eval(`[data-total="${figure}"]`, (element) => {
        const card = element.closest('.card')!;
        const range = card.querySelector('[data-range]');
        return {
          floor: element.getAttribute('data-floor') !== null,
          text: card.textContent ?? '',
          range: range ? { low: Number(range.getAttribute('data-low')), high: Number(range.getAttribute('data-high')) } : null,
        };
      });
      expect(card.floor, figure).toBe(withheld[figure] > 0);
      if (withheld[figure] > 0) {
        floors++;
        expect(card.text, figure).toMatch(/at least/i);
        expect(card.text, figure).toContain('undisclosed');
      }
      const { low, high } = totals.ranges[figure];
      if (low !== totals[figure] || high !== totals[figure]) {
        ranges++;
        expect(card.range, figure).toEqual({ low, high });
        expect(card.text).toContain('disputed');
      } else expect(card.range, figure).toBeNull();
    }
    expect(floors).toBeGreaterThan(0);
    expect(ranges).toBeGreaterThan(0);
    // Civilians without a split are a floor, never "no civilians".
    if ((totals.roundsWithoutSplit ?? 0) > 0) {
      expect(await page.$eval('[data-total="civiliansReturnedToUkraine"]', (element) => element.getAttribute('data-floor'))).not.toBeNull();
      expect(await page.$eval('[data-total="civiliansReturnedToUkraine"]', (element) => element.closest('.card')!.textContent)).toMatch(/at least[\s\S]*no military\/civilian split/i);
    }

    // Timeline: every disputed record says "disputed" (with what the sources state); every withheld figure says "undisclosed".
    const disputed = [...rounds.filter((round) => round.disputed).map((round) => `#round-${round.id}`), ...repatriations.filter((r) => r.disputed).map((r) => `#repatriation-${r.id}`)];
    expect(disputed.length).toBe(totals.disputed);
    for (const selector of disputed) {
      const text = await textOf(page, selector);
      expect(text, selector).toContain('disputed');
      expect(text, selector).toContain('The sources state different figures');
    }
    const undisclosed = [
      ...rounds.filter((round) => round.status === 'completed' && (round.returnedToUkraine == null || round.returnedToRussia == null)).map((round) => `#round-${round.id}`),
      ...repatriations.filter((r) => r.bodiesToUkraine == null || r.bodiesToRussia == null).map((r) => `#repatriation-${r.id}`),
    ];
    expect(undisclosed.length).toBeGreaterThan(0);
    for (const selector of undisclosed) expect(await textOf(page, selector), selector).toContain('undisclosed');
    const clean = rounds.filter((round) => !round.disputed && round.returnedToUkraine != null && round.returnedToRussia != null);
    for (const round of clean.slice(0, 5)) {
      const text = await textOf(page, `#round-${round.id}`);
      expect(text).not.toContain('disputed');
      expect(text).not.toContain('undisclosed');
    }
    await page.close();
  });

  it('fits 360 px and 1280 px; writes the screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [360, 1280]) {
      const { page, consoleErrors } = await visit(width);
      expect(consoleErrors).toEqual([]);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        tables: [...document.querySelectorAll('.table-wrap')].filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1).length,
        charts: [...document.querySelectorAll('figure.chart svg')].filter((svg) => svg.getBoundingClientRect().right > window.innerWidth).length,
      }));
      expect(overflow, `${width} px`).toEqual({ page: width, tables: 0, charts: 0 });
      await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${width}.png`), fullPage: true });
      if (width === 1280) {
        // For the README: the top of the page, from the header to the agreements (the timeline goes on for metres).
        const height = await page.evaluate(() => Math.ceil(document.getElementById('timeline')!.getBoundingClientRect().top + window.scrollY + 420));
        const png = Buffer.from(await page.screenshot({ clip: { x: 0, y: 0, width, height }, captureBeyondViewport: true }));
        writeFileSync(join(SCREENSHOTS, 'dashboard-1280-top.png'), png);
        // Rewritten only when it changed, so that a run leaves the work tree as it was when nothing did.
        if (!existsSync(DOCS_SCREENSHOT) || !readFileSync(DOCS_SCREENSHOT).equals(png)) writeFileSync(DOCS_SCREENSHOT, png);
      }
      await page.close();
    }
    expect(existsSync(join(SCREENSHOTS, 'dashboard-360.png'))).toBe(true);
    expect(existsSync(DOCS_SCREENSHOT)).toBe(true);
  });

  it('says so on the page when the API fails, and still shows what it could read', async () => {
    const { page } = await visit(1280, async (page) => {
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        if (new URL(request.url()).pathname === '/stats') {
          void request.respond({ status: 503, contentType: 'application/json', headers: { 'retry-after': '1' }, body: JSON.stringify({ error: { code: 'unavailable', message: 'DynamoDB is busy' } }) });
        } else void request.continue();
      });
    });
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('error');
    const alert = await page.$eval('#totals-body [role="alert"]', (element) => ({ text: element.textContent ?? '', visible: (element as unknown as PageBox).offsetHeight > 0 }));
    expect(alert.visible).toBe(true);
    expect(alert.text).toContain('GET /stats answered 503 unavailable: DynamoDB is busy');
    expect(await textOf(page, '#status')).toContain('Some figures could not be loaded');
    // The sections that do not need the statistics are there.
    expect(await page.$$eval('[data-agreement-id]', (elements) => elements.length)).toBe(agreements.length);
    expect(await page.$$eval('#timeline-body li[data-type]', (elements) => elements.length)).toBeGreaterThan(0);
    await page.close();
  });
});

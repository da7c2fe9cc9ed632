/**
 * The public dashboard: reads the public routes (GET /stats, /agreements, /rounds, /repatriations,
 * /negotiations, every page) of the API that config.json names, and fills the page's sections.
 * A section whose reads fail says so where it would be; the page is never left blank.
 *
 * Performance marks (read by the browser test and `npm run bench`): `dashboard:totals` when the
 * totals are on the page, `dashboard:rendered` when every section is filled (or shows its error);
 * both are measured from navigation start. `<body data-state>` becomes `ready` (or `error`).
 */
import { Api, ApiReadError, loadApiBase } from './api';
import { renderAgreements } from './agreements';
import { renderSeries } from './charts';
import { byId, h } from './dom';
import { undisclosedCounts } from './figures';
import { renderTimeline } from './timeline';
import { renderSince, renderTotals } from './totals';
import type { Agreement, NegotiationEvent, Repatriation, Round, Stats } from './types';

const EXPORTS = ['rounds', 'repatriations', 'agreements', 'negotiations', 'stats'] as const;

function errorText(error: unknown): string {
  if (error instanceof ApiReadError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** A visible, announced message in place of a section's content. */
function showError(target: HTMLElement, what: string, error: unknown, retry = true): void {
  target.replaceChildren(
    h(
      'div',
      { class: 'error', role: 'alert' },
      h('p', {}, h('strong', {}, `${what} could not be loaded. `), errorText(error)),
      retry ? h('p', {}, h('button', { type: 'button', 'data-retry': '' }, 'Try again')) : null,
    ),
  );
  target.querySelector('[data-retry]')?.addEventListener('click', () => location.reload());
}

function renderExports(api: Api): void {
  byId('exports').replaceChildren(
    ...EXPORTS.map((name) => h('li', {}, h('a', { href: api.url(`/exports/${name}.csv`), download: `${name}.csv` }, `${name}.csv`))),
    h('li', {}, h('a', { href: api.url('/openapi.json') }, 'openapi.json'), ' (the API, described for machines)'),
  );
}

function settled<T>(result: PromiseSettledResult<T>): T | undefined {
  return result.status === 'fulfilled' ? result.value : undefined;
}

async function main(): Promise<void> {
  const status = byId('status');
  let api: Api;
  try {
    api = new Api(await loadApiBase());
  } catch (error) {
    showError(status, 'The page’s settings (config.json)', error);
    document.body.dataset.state = 'error';
    performance.mark('dashboard:rendered');
    return;
  }
  renderExports(api);

  const [statsResult, agreementsResult, roundsResult, repatriationsResult, negotiationsResult] = await Promise.allSettled([
    api.get<Stats>('/stats'),
    api.all<Agreement>('/agreements'),
    api.all<Round>('/rounds'),
    api.all<Repatriation>('/repatriations'),
    api.all<NegotiationEvent>('/negotiations'),
  ]);
  const stats = settled(statsResult);
  const agreements = settled(agreementsResult);
  const rounds = settled(roundsResult);
  const repatriations = settled(repatriationsResult);
  const negotiations = settled(negotiationsResult);
  const counts = undisclosedCounts(rounds, repatriations);
  const failures: string[] = [];

  if (stats) {
    renderSince(byId('since'), stats);
    renderTotals(byId('totals-body'), api, stats, counts);
    performance.mark('dashboard:totals');
    renderSeries(byId('returns-body'), api, stats, counts, {
      figures: ['returnedToUkraine', 'returnedToRussia'],
      labels: ['Returned to Ukraine', 'Returned to Russia'],
      unit: 'people',
      countKey: 'rounds',
      countLabel: 'Rounds',
      listPath: '/rounds',
      csv: 'rounds.csv',
      title: 'People returned per year, in completed exchanges',
    });
    renderSeries(byId('bodies-body'), api, stats, counts, {
      figures: ['bodiesToUkraine', 'bodiesToRussia'],
      labels: ['Bodies to Ukraine', 'Bodies to Russia'],
      unit: 'bodies',
      countKey: 'repatriations',
      countLabel: 'Repatriations',
      listPath: '/repatriations',
      csv: 'repatriations.csv',
      title: 'Bodies of the fallen returned per year',
    });
  } else {
    failures.push('statistics');
    for (const id of ['totals-body', 'returns-body', 'bodies-body']) showError(byId(id), 'The statistics (GET /stats)', (statsResult as PromiseRejectedResult).reason);
  }

  if (agreements) renderAgreements(byId('agreements-body'), api, agreements, rounds, repatriations);
  else {
    failures.push('agreements');
    showError(byId('agreements-body'), 'The agreements (GET /agreements)', (agreementsResult as PromiseRejectedResult).reason);
  }

  const timelineFailures = [roundsResult, repatriationsResult, negotiationsResult].filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (timelineFailures.length) {
    failures.push('timeline');
    showError(byId('timeline-body'), 'The timeline', timelineFailures[0]!.reason);
  } else renderTimeline(byId('timeline-body'), { rounds, repatriations, negotiations, agreements });

  if (failures.length) {
    status.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('p', {}, h('strong', {}, 'Some figures could not be loaded: '), `${failures.join(', ')}. The sections below say why.`)));
    document.body.dataset.state = 'error';
  } else {
    status.replaceChildren();
    status.hidden = true;
    document.body.dataset.state = 'ready';
  }
  performance.mark('dashboard:rendered');
}

main().catch((error: unknown) => {
  // A bug of the page itself: still said on the page, not a blank one.
  showError(byId('status'), 'The dashboard', error);
  document.body.dataset.state = 'error';
  console.error(error);
});

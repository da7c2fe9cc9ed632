/** The headline: days since the last exchange, and the totals with what makes each a floor or a range. */
import type { Api } from './api';
import { formatDate, formatNumber, h, time, type Child } from './dom';
import { civiliansFloor, readFigure, type FigureReading, type undisclosedCounts } from './figures';
import type { Figure, Stats } from './types';

type Counts = ReturnType<typeof undisclosedCounts>;

/** "at least" as text, so that the floor is read, not only seen. */
export const floorMark = () => h('span', { class: 'floor-mark' }, 'at least');

/** A number on the page that the browser test compares with the API: its exact value in data-value. */
function figureValue(key: string, reading: FigureReading): HTMLElement {
  return h(
    'p',
    { class: 'figure' },
    reading.floor ? [floorMark(), ' '] : null,
    h('data', { value: reading.value, 'data-total': key, 'data-floor': reading.floor }, formatNumber(reading.value)),
  );
}

function rangeLine(figure: Figure, reading: FigureReading): HTMLElement | null {
  if (!reading.range) return null;
  return h(
    'p',
    { class: 'range', 'data-range': figure, 'data-low': reading.range.low, 'data-high': reading.range.high },
    h('span', { class: 'badge badge-disputed' }, 'disputed'),
    ' sources state ',
    h('strong', {}, `${formatNumber(reading.range.low)}–${formatNumber(reading.range.high)}`),
  );
}

function floorLine(reading: FigureReading, what: string): HTMLElement | null {
  if (!reading.floor) return null;
  const text =
    reading.undisclosed === undefined
      ? `some ${what} did not publish this figure`
      : `${formatNumber(reading.undisclosed)} ${what}${reading.undisclosed === 1 ? '' : 's'} did not publish this figure`;
  return h('p', { class: 'note' }, h('span', { class: 'undisclosed' }, 'undisclosed'), ` ${text}`);
}

function card(title: string, body: Child[], links: HTMLElement | null, extraClass = ''): HTMLElement {
  return h('article', { class: `card ${extraClass}`.trim() }, h('h3', {}, title), body, links);
}

function links(api: Api, items: readonly (readonly [string, string])[]): HTMLElement {
  const children: Child[] = ['Source: '];
  items.forEach(([label, path], i) => {
    if (i > 0) children.push(' · ');
    children.push(h('a', { href: api.url(path) }, label));
  });
  return h('p', { class: 'links' }, children);
}

export function renderSince(target: HTMLElement, stats: Stats): void {
  const { latest } = stats;
  target.replaceChildren();
  if (latest.daysSinceRound === null || latest.roundOn === null) {
    target.append(h('p', { class: 'since-days' }, 'No completed exchange on record yet.'));
    return;
  }
  const others: Child[] = [];
  if (latest.repatriationOn) others.push('last repatriation ', time(latest.repatriationOn));
  if (latest.negotiationOn) others.push(others.length ? '; ' : '', 'last negotiation event ', time(latest.negotiationOn));
  target.append(
    h(
      'p',
      { class: 'since-days' },
      h('data', { value: latest.daysSinceRound, 'data-days-since': '' }, formatNumber(latest.daysSinceRound)),
      ` day${latest.daysSinceRound === 1 ? '' : 's'} since the last exchange of prisoners`,
    ),
    h('p', { class: 'since-detail' }, 'Last completed exchange ', h('a', { href: `#timeline-${latest.roundOn.slice(0, 4)}` }, time(latest.roundOn)), others.length ? ['; ', ...others] : null, `. Figures as of ${formatDate(stats.generatedAt)}.`),
  );
}

export function renderTotals(target: HTMLElement, api: Api, stats: Stats, counts: Counts): void {
  const { totals } = stats;
  const read = (figure: Figure) => readFigure(totals, figure, counts.all, counts.known);
  const statsLinks = (csv: string) => links(api, [[csv, `/exports/${csv}`], ['stats.csv', '/exports/stats.csv'], ['GET /stats', '/stats']]);
  const people = (figure: 'returnedToUkraine' | 'returnedToRussia', title: string) => {
    const reading = read(figure);
    return card(title, [figureValue(figure, reading), h('p', { class: 'unit' }, 'people, in completed exchanges'), floorLine(reading, 'completed round'), rangeLine(figure, reading)], statsLinks('rounds.csv'), reading.range ? 'is-disputed' : '');
  };
  const bodies = (figure: 'bodiesToUkraine' | 'bodiesToRussia', title: string) => {
    const reading = read(figure);
    return card(title, [figureValue(figure, reading), h('p', { class: 'unit' }, 'bodies of the fallen'), floorLine(reading, 'repatriation'), rangeLine(figure, reading)], statsLinks('repatriations.csv'), reading.range ? 'is-disputed' : '');
  };
  const civilians = civiliansFloor(totals);
  const civilianValue = (key: 'civiliansReturnedToUkraine' | 'civiliansReturnedToRussia') =>
    h('data', { value: totals[key], 'data-total': key, 'data-floor': civilians }, formatNumber(totals[key]));

  target.replaceChildren(
    people('returnedToUkraine', 'Returned to Ukraine'),
    people('returnedToRussia', 'Returned to Russia'),
    bodies('bodiesToUkraine', 'Bodies returned to Ukraine'),
    bodies('bodiesToRussia', 'Bodies returned to Russia'),
    card(
      'Exchange rounds',
      [
        h('p', { class: 'figure' }, h('data', { value: totals.rounds, 'data-total': 'rounds' }, formatNumber(totals.rounds))),
        h('p', { class: 'unit' }, 'completed handover days'),
        totals.roundsUndisclosed > 0
          ? h('p', { class: 'note' }, h('data', { value: totals.roundsUndisclosed, 'data-total': 'roundsUndisclosed' }, formatNumber(totals.roundsUndisclosed)), ' with a figure ', h('span', { class: 'undisclosed' }, 'undisclosed'))
          : h('p', { class: 'note' }, h('data', { value: 0, 'data-total': 'roundsUndisclosed' }, '0'), ' with a figure undisclosed'),
      ],
      links(api, [['rounds.csv', '/exports/rounds.csv'], ['GET /rounds', '/rounds']]),
    ),
    card(
      'Repatriations',
      [h('p', { class: 'figure' }, h('data', { value: totals.repatriations, 'data-total': 'repatriations' }, formatNumber(totals.repatriations))), h('p', { class: 'unit' }, 'handovers of bodies')],
      links(api, [['repatriations.csv', '/exports/repatriations.csv'], ['GET /repatriations', '/repatriations']]),
    ),
    card(
      'Disputed records',
      [
        h('p', { class: 'figure' }, h('data', { value: totals.disputed, 'data-total': 'disputed' }, formatNumber(totals.disputed))),
        h('p', { class: 'unit' }, 'rounds and repatriations whose sources state different figures'),
        totals.disputed > 0 ? h('p', { class: 'note' }, h('span', { class: 'badge badge-disputed' }, 'disputed'), ' marked in the timeline, with what each source says') : null,
      ],
      statsLinks('rounds.csv'),
    ),
    card(
      'Civilians among them',
      [
        h('p', { class: 'figure figure-pair' }, 'to Ukraine: ', civilians ? [floorMark(), ' '] : null, civilianValue('civiliansReturnedToUkraine'), h('br'), 'to Russia: ', civilians ? [floorMark(), ' '] : null, civilianValue('civiliansReturnedToRussia')),
        civilians
          ? h(
              'p',
              { class: 'note' },
              h('data', { value: totals.roundsWithoutSplit, 'data-total': 'roundsWithoutSplit' }, formatNumber(totals.roundsWithoutSplit)),
              ` of ${formatNumber(totals.rounds)} rounds give no military/civilian split: a floor, not “no civilians”`,
            )
          : null,
      ],
      statsLinks('rounds.csv'),
    ),
  );
}

/**
 * A figure per year as a chart (Observable Plot: SVG with ARIA labels) and, beside it, a table of
 * the same numbers for screen readers and copy-paste. Floors and ranges are written out in both.
 */
import { barY, plot, ruleX, ruleY, text } from '@observablehq/plot';
import type { Api } from './api';
import { formatNumber, h, type Child } from './dom';
import { readFigure, type FigureReading, type undisclosedCounts } from './figures';
import type { Figure, Stats } from './types';

type Counts = ReturnType<typeof undisclosedCounts>;

export interface SeriesSpec {
  readonly figures: readonly [Figure, Figure];
  readonly labels: readonly [string, string];
  /** What the numbers count ("people", "bodies"). */
  readonly unit: string;
  /** The per-year count of records shown in the table ("rounds", "repatriations"). */
  readonly countKey: 'rounds' | 'repatriations';
  readonly countLabel: string;
  readonly listPath: string;
  readonly csv: string;
  readonly title: string;
}

interface Bar {
  readonly year: string;
  readonly side: string;
  readonly reading: FigureReading;
}

export const COLORS = ['#1d5fa6', '#b4532a'] as const;

const writtenValue = (reading: FigureReading) => `${reading.floor ? 'at least ' : ''}${formatNumber(reading.value)}`;

function chart(bars: readonly Bar[], spec: SeriesSpec, width: number): Element {
  const narrow = width < 520;
  const ranges = bars.filter((bar) => bar.reading.range);
  const svg = plot({
    width,
    height: narrow ? 240 : 300,
    marginLeft: 48,
    marginTop: 24,
    ariaLabel: `${spec.title}, bar chart`,
    ariaDescription: `${bars.length / 2} years; the table beside the chart gives the same numbers.`,
    fx: { label: null, tickFormat: (year: string) => year },
    x: { axis: 'bottom', label: null, domain: [...spec.labels], tickFormat: (side: string) => (side === spec.labels[0] ? (narrow ? 'UA' : 'to UA') : narrow ? 'RU' : 'to RU') },
    y: { grid: true, label: spec.unit, tickFormat: '~s', insetTop: narrow ? 4 : 18 },
    color: { domain: [...spec.labels], range: [...COLORS] },
    marks: [
      barY(bars, {
        fx: 'year',
        x: 'side',
        y: (bar: Bar) => bar.reading.value,
        fill: 'side',
        title: (bar: Bar) => `${bar.year}, ${bar.side}: ${writtenValue(bar.reading)}`,
        ariaLabel: (bar: Bar) => `${bar.year}, ${bar.side}: ${writtenValue(bar.reading)}${bar.reading.range ? `; sources state ${formatNumber(bar.reading.range.low)} to ${formatNumber(bar.reading.range.high)}` : ''}`,
        ariaDescription: spec.title,
      }),
      // The range the sources state, as a whisker over the bar (the table says it in words).
      ruleX(ranges, {
        fx: 'year',
        x: 'side',
        y1: (bar: Bar) => bar.reading.range!.low,
        y2: (bar: Bar) => bar.reading.range!.high,
        stroke: '#222',
        strokeWidth: 3,
        ariaHidden: 'true',
      }),
      narrow
        ? null
        : text(bars, {
            fx: 'year',
            x: 'side',
            y: (bar: Bar) => bar.reading.value,
            text: (bar: Bar) => `${bar.reading.floor ? '≥' : ''}${formatNumber(bar.reading.value)}`,
            dy: -8,
            fontSize: 11,
            ariaHidden: 'true',
          }),
      ruleY([0]),
    ],
  });
  // Plot adds a <style> of defaults to each SVG; the page's CSP allows no inline styles, and
  // style.css carries the same rules, so it is removed before the SVG joins the document.
  svg.querySelectorAll('style').forEach((style) => style.remove());
  return svg;
}

function cell(reading: FigureReading, figure: Figure, year: number): HTMLElement {
  return h(
    'td',
    { 'data-figure': figure, 'data-year': year, 'data-value': reading.value, 'data-floor': reading.floor },
    reading.floor ? h('span', { class: 'floor-mark', title: 'at least: some handovers did not publish it' }, '≥') : null,
    reading.floor ? ' ' : null,
    formatNumber(reading.value),
    reading.range ? [h('span', { class: 'range-cell' }, h('span', { class: 'badge badge-disputed' }, 'disputed'), ` ${formatNumber(reading.range.low)}–${formatNumber(reading.range.high)}`)] : null,
  );
}

function table(stats: Stats, counts: Counts, spec: SeriesSpec, api: Api): HTMLElement {
  const rows = stats.byYear.map((year) => {
    const readings = spec.figures.map((figure) => readFigure(year, figure, counts.byYear.get(year.year), counts.known));
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('a', { href: `#timeline-${year.year}` }, String(year.year))),
      cell(readings[0]!, spec.figures[0], year.year),
      cell(readings[1]!, spec.figures[1], year.year),
      h('td', {}, h('a', { href: api.url(`${spec.listPath}?year=${year.year}`), title: `GET ${spec.listPath}?year=${year.year}` }, formatNumber(year[spec.countKey]))),
    );
  });
  const caption: Child[] = [`${spec.title} (${spec.unit}). `, h('span', { class: 'floor-mark' }, '≥'), ' at least: some of that year’s handovers did not publish the figure. ', h('span', { class: 'badge badge-disputed' }, 'disputed'), ' low–high: what the sources state.'];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'figures', 'data-series': spec.countKey },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Year'), h('th', { scope: 'col', title: spec.labels[0] }, 'to Ukraine'), h('th', { scope: 'col', title: spec.labels[1] }, 'to Russia'), h('th', { scope: 'col' }, spec.countLabel))),
      h('tbody', {}, rows),
    ),
    h('p', { class: 'links' }, 'Source: ', h('a', { href: api.url(`/exports/${spec.csv}`) }, spec.csv), ' · ', h('a', { href: api.url('/exports/stats.csv') }, 'stats.csv'), ' · ', h('a', { href: api.url('/stats') }, 'GET /stats')),
  );
}

/** Draws the chart at the container's width, again when the window's width changes. */
export function renderSeries(target: HTMLElement, api: Api, stats: Stats, counts: Counts, spec: SeriesSpec): void {
  const bars: Bar[] = stats.byYear.flatMap((year) =>
    spec.figures.map((figure, i) => ({ year: String(year.year), side: spec.labels[i]!, reading: readFigure(year, figure, counts.byYear.get(year.year), counts.known) })),
  );
  const figure = h('figure', { class: 'chart' });
  const legend = h(
    'p',
    { class: 'legend', 'aria-hidden': 'true' },
    spec.labels.map((label, i) => h('span', { class: `swatch swatch-${i}` }, label)),
    bars.some((bar) => bar.reading.range) ? h('span', { class: 'whisker' }, 'range the sources state') : null,
  );
  target.replaceChildren(figure, table(stats, counts, spec, api));
  let drawnWidth = 0;
  const draw = () => {
    const width = Math.max(280, Math.floor(figure.clientWidth || target.clientWidth || 600));
    if (width === drawnWidth) return;
    drawnWidth = width;
    figure.replaceChildren(legend, bars.length ? chart(bars, spec, width) : h('p', {}, 'No completed handovers yet.'));
  };
  draw();
  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(draw);
  });
}

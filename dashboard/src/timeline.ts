/**
 * The timeline: exchange rounds, repatriations and negotiation events, newest first, by year (the
 * latest year open). Each entry names its agreement and stage, says which figures were not
 * published, and, when its sources disagree, what each source states; with its sources' links.
 */
import { formatNumber, h, sourceList, time, type Child } from './dom';
import { yearOf } from './figures';
import type { Agreement, Count, Figure, NegotiationEvent, Repatriation, Round, Source } from './types';

type Entry =
  | { readonly type: 'round'; readonly date: string; readonly record: Round }
  | { readonly type: 'repatriation'; readonly date: string; readonly record: Repatriation }
  | { readonly type: 'negotiation'; readonly date: string; readonly record: NegotiationEvent };

const KIND_LABELS: Record<NegotiationEvent['kind'], string> = {
  talks: 'Talks',
  technical_meeting: 'Technical meeting',
  lists_exchanged: 'Lists exchanged',
  statement: 'Statement',
  postponed: 'Postponed',
  other: 'Negotiation event',
};

const SIDE_LABELS: Record<NonNullable<Source['side']>, string> = {
  ukraine: 'Ukraine',
  russia: 'Russia',
  mediator: 'a mediator',
  independent: 'independent',
};

const FIGURE_LABELS: Record<Figure, string> = {
  returnedToUkraine: 'to Ukraine',
  returnedToRussia: 'to Russia',
  bodiesToUkraine: 'to Ukraine',
  bodiesToRussia: 'to Russia',
};

const undisclosed = () => h('span', { class: 'undisclosed' }, 'undisclosed');

function count(value: Count | number | null | undefined): Child | Child[] {
  if (value == null) return undisclosed();
  if (typeof value === 'number') return h('strong', {}, formatNumber(value));
  const split: string[] = [];
  if (value.military !== undefined) split.push(`${formatNumber(value.military)} military`);
  if (value.civilians !== undefined) split.push(`${formatNumber(value.civilians)} civilians`);
  return [h('strong', {}, formatNumber(value.total)), split.length ? ` (${split.join(', ')})` : ''];
}

/** What each source that states figures says, e.g. "Ukraine (Babel): 189 to Ukraine". */
function disputedNote(sources: readonly Source[] | undefined): HTMLElement {
  const claims = (sources ?? []).filter((source) => source.figures && Object.keys(source.figures).length);
  const items = claims.map((source) => {
    const who = [source.side ? SIDE_LABELS[source.side] : null, source.publisher ?? null].filter(Boolean).join(', ') || 'a source';
    const figures = Object.entries(source.figures ?? {})
      .map(([figure, value]) => `${formatNumber(value as number)} ${FIGURE_LABELS[figure as Figure] ?? figure}`)
      .join(', ');
    return h('li', {}, `${who}: ${figures}`);
  });
  return h('div', { class: 'disputed-note' }, h('p', {}, h('span', { class: 'badge badge-disputed' }, 'disputed'), ' The sources state different figures:'), items.length ? h('ul', {}, items) : null);
}

function agreementLine(agreementId: string | undefined, stage: number | undefined, agreements: ReadonlyMap<string, Agreement>): HTMLElement | null {
  if (!agreementId) return null;
  const agreement = agreements.get(agreementId);
  return h('p', { class: 'part-of' }, 'Part of ', h('a', { href: `#agreement-${agreementId}` }, agreement?.title ?? 'an agreement'), stage !== undefined ? `, stage ${stage}` : '');
}

function place(record: { mediator?: string; location?: string; venue?: string }): string {
  const parts: string[] = [];
  if (record.mediator) parts.push(`mediated by ${record.mediator}`);
  if (record.location) parts.push(record.location);
  if (record.venue) parts.push(record.venue);
  return parts.join(' · ');
}

function roundEntry(round: Round, agreements: ReadonlyMap<string, Agreement>): HTMLElement {
  const completed = round.status === 'completed';
  const withheld = completed && (round.returnedToUkraine == null || round.returnedToRussia == null);
  return h(
    'li',
    { class: `entry entry-round${round.disputed ? ' is-disputed' : ''}`, id: `round-${round.id}`, 'data-type': 'round', 'data-id': round.id, 'data-disputed': round.disputed, 'data-undisclosed': withheld },
    h('p', { class: 'entry-head' }, time(round.date), ' ', h('span', { class: 'tag tag-round' }, completed ? 'Exchange' : `Exchange ${round.status}`), round.disputed ? [' ', h('span', { class: 'badge badge-disputed' }, 'disputed')] : null),
    completed ? h('p', { class: 'entry-what' }, 'Returned to Ukraine: ', count(round.returnedToUkraine), ' · to Russia: ', count(round.returnedToRussia)) : h('p', { class: 'entry-what' }, `Status: ${round.status}; no figure counts until it is completed`),
    agreementLine(round.agreementId, round.stage, agreements),
    place(round) ? h('p', { class: 'entry-place' }, place(round)) : null,
    round.disputed ? disputedNote(round.sources) : null,
    sourceList(round.sources),
  );
}

function repatriationEntry(repatriation: Repatriation, agreements: ReadonlyMap<string, Agreement>): HTMLElement {
  const withheld = repatriation.bodiesToUkraine == null || repatriation.bodiesToRussia == null;
  return h(
    'li',
    { class: `entry entry-repatriation${repatriation.disputed ? ' is-disputed' : ''}`, id: `repatriation-${repatriation.id}`, 'data-type': 'repatriation', 'data-id': repatriation.id, 'data-disputed': repatriation.disputed, 'data-undisclosed': withheld },
    h('p', { class: 'entry-head' }, time(repatriation.date), ' ', h('span', { class: 'tag tag-repatriation' }, 'Repatriation'), repatriation.disputed ? [' ', h('span', { class: 'badge badge-disputed' }, 'disputed')] : null),
    h('p', { class: 'entry-what' }, 'Bodies to Ukraine: ', count(repatriation.bodiesToUkraine), ' · to Russia: ', count(repatriation.bodiesToRussia)),
    agreementLine(repatriation.agreementId, undefined, agreements),
    place(repatriation) ? h('p', { class: 'entry-place' }, place(repatriation)) : null,
    repatriation.disputed ? disputedNote(repatriation.sources) : null,
    sourceList(repatriation.sources),
  );
}

function negotiationEntry(event: NegotiationEvent, agreements: ReadonlyMap<string, Agreement>): HTMLElement {
  return h(
    'li',
    { class: `entry entry-negotiation kind-${event.kind}`, id: `negotiation-${event.id}`, 'data-type': 'negotiation', 'data-id': event.id },
    h('p', { class: 'entry-head' }, time(event.date), ' ', h('span', { class: 'tag tag-negotiation' }, KIND_LABELS[event.kind] ?? event.kind)),
    h('p', { class: 'entry-what' }, event.title),
    event.outcome ? h('p', { class: 'entry-outcome' }, `Outcome: ${event.outcome}`) : null,
    agreementLine(event.agreementId, undefined, agreements),
    place(event) ? h('p', { class: 'entry-place' }, place(event)) : null,
    sourceList(event.sources),
  );
}

export interface TimelineInput {
  readonly rounds?: readonly Round[];
  readonly repatriations?: readonly Repatriation[];
  readonly negotiations?: readonly NegotiationEvent[];
  readonly agreements?: readonly Agreement[];
}

export function renderTimeline(target: HTMLElement, input: TimelineInput): void {
  const agreements = new Map((input.agreements ?? []).map((agreement) => [agreement.id, agreement]));
  const entries: Entry[] = [
    ...(input.rounds ?? []).map((record) => ({ type: 'round' as const, date: record.date, record })),
    ...(input.repatriations ?? []).map((record) => ({ type: 'repatriation' as const, date: record.date, record })),
    ...(input.negotiations ?? []).map((record) => ({ type: 'negotiation' as const, date: record.date, record })),
  ];
  // Newest first; on one day, the handover first, then the talks or statements about it.
  const order = { round: 0, repatriation: 1, negotiation: 2 };
  entries.sort((a, b) => b.date.localeCompare(a.date) || order[a.type] - order[b.type]);
  if (!entries.length) {
    target.replaceChildren(h('p', {}, 'Nothing on record yet.'));
    return;
  }
  const years = new Map<number, Entry[]>();
  for (const entry of entries) {
    const year = yearOf(entry.date);
    years.set(year, [...(years.get(year) ?? []), entry]);
  }
  const newest = Math.max(...years.keys());
  const groups = [...years.entries()].map(([year, list]) => {
    const rounds = list.filter((entry) => entry.type === 'round').length;
    const repatriations = list.filter((entry) => entry.type === 'repatriation').length;
    const events = list.filter((entry) => entry.type === 'negotiation').length;
    const summary = [`${rounds} exchange round${rounds === 1 ? '' : 's'}`, `${repatriations} repatriation${repatriations === 1 ? '' : 's'}`, events ? `${events} negotiation event${events === 1 ? '' : 's'}` : null].filter(Boolean).join(', ');
    const details = h(
      'details',
      { open: year === newest },
      h('summary', {}, h('span', { class: 'year' }, String(year)), ` ${summary}`),
      h(
        'ol',
        { class: 'entries' },
        list.map((entry) => (entry.type === 'round' ? roundEntry(entry.record, agreements) : entry.type === 'repatriation' ? repatriationEntry(entry.record, agreements) : negotiationEntry(entry.record, agreements))),
      ),
    );
    return h('section', { class: 'year-group', id: `timeline-${year}`, 'aria-label': String(year) }, details);
  });
  target.replaceChildren(...groups);
  const openTarget = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const element = id ? document.getElementById(id) : null;
    const details = element?.closest('details') ?? element?.querySelector('details');
    if (details && !details.open) {
      details.open = true;
      element!.scrollIntoView();
    }
  };
  window.addEventListener('hashchange', openTarget);
  openTarget();
}

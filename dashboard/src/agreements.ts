/**
 * Each agreement as progress bars: delivered against committed, per kind and side where the
 * commitment names a number; "no number committed" where it does not; the remaining figure marked
 * as an upper bound while some of its handovers withheld a figure. Numbers are the API's `progress`.
 */
import type { Api } from './api';
import { formatNumber, h, sourceList, time, type Child } from './dom';
import { percent } from './figures';
import { floorMark } from './totals';
import type { Agreement, CommittedKey, Commitment, Repatriation, Round } from './types';

const STATUS_LABELS: Record<Agreement['status'], string> = {
  negotiating: 'negotiating',
  agreed: 'agreed',
  in_progress: 'in progress',
  fulfilled: 'fulfilled',
  stalled: 'stalled',
  abandoned: 'abandoned',
};

const CATEGORY_LABELS: Record<string, string> = {
  severely_wounded: 'severely wounded',
  seriously_ill: 'seriously ill',
  held_since_2022: 'held since 2022',
  young_soldiers: 'young soldiers',
};

interface Line {
  readonly kind: 'prisoners' | 'bodies';
  readonly side: 'ukraine' | 'russia';
  readonly key: CommittedKey;
  readonly delivered: keyof Agreement['progress'] & ('returnedToUkraine' | 'returnedToRussia' | 'bodiesToUkraine' | 'bodiesToRussia');
  readonly label: string;
}

const LINES: readonly Line[] = [
  { kind: 'prisoners', side: 'ukraine', key: 'prisonersToUkraine', delivered: 'returnedToUkraine', label: 'Prisoners returned to Ukraine' },
  { kind: 'prisoners', side: 'russia', key: 'prisonersToRussia', delivered: 'returnedToRussia', label: 'Prisoners returned to Russia' },
  { kind: 'bodies', side: 'ukraine', key: 'bodiesToUkraine', delivered: 'bodiesToUkraine', label: 'Bodies returned to Ukraine' },
  { kind: 'bodies', side: 'russia', key: 'bodiesToRussia', delivered: 'bodiesToRussia', label: 'Bodies returned to Russia' },
];

function commitmentText(commitment: Commitment): string {
  const numbers: string[] = [];
  if (commitment.toUkraine != null) numbers.push(`${formatNumber(commitment.toUkraine)} to Ukraine`);
  if (commitment.toRussia != null) numbers.push(`${formatNumber(commitment.toRussia)} to Russia`);
  const what = commitment.kind === 'prisoners' ? 'Prisoners' : 'Bodies';
  const categories = commitment.categories?.length ? ` (${commitment.categories.map((c) => CATEGORY_LABELS[c] ?? c.replace(/_/g, ' ')).join(', ')})` : '';
  const figure = numbers.length ? numbers.join(', ') : 'no number committed';
  return `${what}: ${figure}${categories}${commitment.description ? ` — ${commitment.description}` : ''}`;
}

/** The agreement's repatriations that did not publish the figure of that side. */
function withheldRepatriations(agreement: Agreement, line: Line, repatriations: readonly Repatriation[] | undefined): number {
  if (line.kind !== 'bodies' || !repatriations) return 0;
  const field = line.side === 'ukraine' ? 'bodiesToUkraine' : 'bodiesToRussia';
  return repatriations.filter((r) => r.agreementId === agreement.id && r[field] == null).length;
}

/** Why a remaining figure is only an upper bound: undisclosed rounds (the contract's rule), or, for bodies, repatriations that withheld that side's figure. */
function upperBoundReason(agreement: Agreement, line: Line, repatriations: readonly Repatriation[] | undefined): string | null {
  const reasons: string[] = [];
  const undisclosedRounds = agreement.progress.roundsUndisclosed;
  if (undisclosedRounds > 0) reasons.push(`${undisclosedRounds} round${undisclosedRounds === 1 ? '' : 's'} withheld a figure`);
  const withheld = withheldRepatriations(agreement, line, repatriations);
  if (withheld > 0) reasons.push(`${withheld} repatriation${withheld === 1 ? '' : 's'} did not publish this figure`);
  return reasons.length ? reasons.join('; ') : null;
}

/** Delivered is a floor: prisoners while a round withheld a figure, bodies while a repatriation withheld that side's. */
function deliveredIsFloor(agreement: Agreement, line: Line, repatriations: readonly Repatriation[] | undefined): boolean {
  if (line.kind === 'prisoners') return agreement.progress.roundsUndisclosed > 0;
  return withheldRepatriations(agreement, line, repatriations) > 0;
}

function bar(agreement: Agreement, line: Line, repatriations: readonly Repatriation[] | undefined): HTMLElement {
  const { progress } = agreement;
  const committed = progress.committed[line.key]!;
  const delivered = progress[line.delivered];
  const remaining = progress.remaining[line.key];
  const share = percent(delivered, committed);
  const floor = deliveredIsFloor(agreement, line, repatriations);
  const bound = remaining !== null && remaining > 0 ? upperBoundReason(agreement, line, repatriations) : null;
  const written = `${floor ? 'at least ' : ''}${formatNumber(delivered)} of ${formatNumber(committed)} (${share}%)`;
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${Math.min(100, committed > 0 ? (delivered / committed) * 100 : 0)}%`;
  return h(
    'div',
    {
      class: `bar${delivered >= committed ? ' is-complete' : ''}`,
      'data-bar': '',
      'data-kind': line.kind,
      'data-side': line.side,
      'data-delivered': delivered,
      'data-committed': committed,
      'data-remaining': remaining ?? '',
      'data-upper-bound': bound !== null,
      'data-floor': floor,
    },
    h('p', { class: 'bar-label' }, line.label),
    h(
      'div',
      { class: 'track', role: 'progressbar', 'aria-label': `${agreement.title}: ${line.label}`, 'aria-valuemin': 0, 'aria-valuemax': committed, 'aria-valuenow': Math.min(delivered, committed), 'aria-valuetext': written },
      fill,
    ),
    h(
      'p',
      { class: 'bar-text' },
      floor ? [floorMark(), ' '] : null,
      h('strong', {}, formatNumber(delivered)),
      ` of ${formatNumber(committed)} committed (${share}%)`,
      delivered > committed ? ' — more than committed' : null,
      remaining !== null && remaining > 0
        ? [' · ', bound ? h('span', { class: 'bound-mark' }, 'at most') : null, bound ? ' ' : null, `${formatNumber(remaining)} remaining`, bound ? h('span', { class: 'note' }, ` (an upper bound: ${bound})`) : null]
        : remaining === 0
          ? ' · none remaining'
          : null,
    ),
  );
}

/** A kind with commitments but no number: what was delivered, said without a bar. */
function unnumbered(agreement: Agreement, kind: 'prisoners' | 'bodies', repatriations: readonly Repatriation[] | undefined): HTMLElement {
  const { progress } = agreement;
  const [toUkraine, toRussia] = kind === 'prisoners' ? [progress.returnedToUkraine, progress.returnedToRussia] : [progress.bodiesToUkraine, progress.bodiesToRussia];
  const [floorUkraine, floorRussia] = LINES.filter((line) => line.kind === kind).map((line) => deliveredIsFloor(agreement, line, repatriations));
  const handovers = kind === 'prisoners' ? `${formatNumber(progress.rounds)} round${progress.rounds === 1 ? '' : 's'}` : `${formatNumber(progress.repatriations)} repatriation${progress.repatriations === 1 ? '' : 's'}`;
  const withheld =
    kind === 'prisoners' && progress.roundsUndisclosed > 0
      ? [' — ', h('span', { class: 'undisclosed' }, 'undisclosed'), ` in ${progress.roundsUndisclosed === progress.rounds ? 'every one' : `${formatNumber(progress.roundsUndisclosed)} of them`}`]
      : null;
  return h(
    'div',
    { class: 'bar bar-none', 'data-bar-none': '', 'data-kind': kind, 'data-delivered-ukraine': toUkraine, 'data-delivered-russia': toRussia },
    h('p', { class: 'bar-label' }, kind === 'prisoners' ? 'Prisoners' : 'Bodies', ': ', h('span', { class: 'none-mark' }, 'no number committed')),
    h(
      'p',
      { class: 'bar-text' },
      'Delivered: ',
      floorUkraine ? [floorMark(), ' '] : null,
      `${formatNumber(toUkraine)} to Ukraine, `,
      floorRussia ? [floorMark(), ' '] : null,
      `${formatNumber(toRussia)} to Russia, in ${handovers}`,
      withheld,
    ),
  );
}

function stages(agreement: Agreement, rounds: readonly Round[] | undefined): HTMLElement | null {
  const { progress } = agreement;
  if (!progress.stages.length && !progress.rounds) return null;
  const own = (rounds ?? []).filter((round) => round.agreementId === agreement.id && round.status === 'completed').sort((a, b) => a.date.localeCompare(b.date));
  const span: Child[] = progress.firstHandoverOn && progress.lastHandoverOn ? [', ', time(progress.firstHandoverOn), ' to ', time(progress.lastHandoverOn)] : [];
  const summary = h('p', { class: 'stages-summary', 'data-stages': progress.stages.join(',') }, `Stages carried out: ${progress.stages.length ? progress.stages.join(', ') : 'none numbered'} (${formatNumber(progress.rounds)} completed round${progress.rounds === 1 ? '' : 's'}${progress.repatriations ? `, ${formatNumber(progress.repatriations)} repatriation${progress.repatriations === 1 ? '' : 's'}` : ''})`, span);
  if (!own.length) return summary;
  const count = (c: Round['returnedToUkraine']) => (c == null ? h('span', { class: 'undisclosed' }, 'undisclosed') : formatNumber(c.total));
  return h(
    'div',
    { class: 'stages' },
    summary,
    h(
      'ol',
      { class: 'stage-list' },
      own.map((round) =>
        h(
          'li',
          {},
          round.stage !== undefined ? `Stage ${round.stage}: ` : 'Unnumbered: ',
          h('a', { href: `#round-${round.id}` }, time(round.date)),
          ' — ',
          round.returnedToUkraine == null && round.returnedToRussia == null
            ? ['figures ', h('span', { class: 'undisclosed' }, 'undisclosed')]
            : [count(round.returnedToUkraine), ' to Ukraine, ', count(round.returnedToRussia), ' to Russia'],
          round.disputed ? [' ', h('span', { class: 'badge badge-disputed' }, 'disputed')] : null,
        ),
      ),
    ),
  );
}

function agreementCard(api: Api, agreement: Agreement, rounds: readonly Round[] | undefined, repatriations: readonly Repatriation[] | undefined): HTMLElement {
  const commitments = agreement.commitments ?? [];
  const bars: HTMLElement[] = [];
  for (const kind of ['prisoners', 'bodies'] as const) {
    const lines = LINES.filter((line) => line.kind === kind);
    const numbered = lines.filter((line) => agreement.progress.committed[line.key] !== null);
    bars.push(...numbered.map((line) => bar(agreement, line, repatriations)));
    const hasKind = commitments.some((c) => c.kind === kind);
    // A kind committed without a number, or a side left without a number beside a numbered one.
    if (hasKind && numbered.length === 0) bars.push(unnumbered(agreement, kind, repatriations));
    else if (numbered.length === 1) {
      const missing = lines.find((line) => !numbered.includes(line))!;
      bars.push(h('div', { class: 'bar bar-none', 'data-bar-none': '', 'data-kind': kind, 'data-side': missing.side }, h('p', { class: 'bar-label' }, missing.label, ': ', h('span', { class: 'none-mark' }, 'no number committed'))));
    }
  }
  const meta: Child[] = ['Reached ', time(agreement.reachedOn)];
  if (agreement.venue) meta.push(` in ${agreement.venue}`);
  if (agreement.mediators?.length) meta.push(`, mediated by ${agreement.mediators.join(', ')}`);
  return h(
    'article',
    { class: `agreement status-${agreement.status}`, id: `agreement-${agreement.id}`, 'data-agreement-id': agreement.id },
    h('h3', {}, agreement.title),
    h('p', { class: 'meta' }, meta, ' · ', h('span', { class: 'status-tag' }, STATUS_LABELS[agreement.status] ?? agreement.status)),
    commitments.length ? h('ul', { class: 'commitments', 'aria-label': 'Commitments' }, commitments.map((c) => h('li', {}, commitmentText(c)))) : h('p', { class: 'note' }, 'No commitments recorded.'),
    h('div', { class: 'bars' }, bars),
    stages(agreement, rounds),
    agreement.notes ? h('p', { class: 'note' }, agreement.notes) : null,
    sourceList(agreement.sources),
    h('p', { class: 'links' }, 'Figures: ', h('a', { href: api.url(`/agreements/${encodeURIComponent(agreement.id)}`) }, 'GET /agreements/…'), ' · ', h('a', { href: api.url('/exports/agreements.csv') }, 'agreements.csv'), ' · ', h('a', { href: `#timeline` }, 'timeline')),
  );
}

export function renderAgreements(target: HTMLElement, api: Api, agreements: readonly Agreement[], rounds: readonly Round[] | undefined, repatriations: readonly Repatriation[] | undefined): void {
  if (!agreements.length) {
    target.replaceChildren(h('p', {}, 'No agreement on record.'));
    return;
  }
  const oldestFirst = [...agreements].sort((a, b) => a.reachedOn.localeCompare(b.reachedOn));
  target.replaceChildren(h('div', { class: 'agreement-list' }, oldestFirst.map((agreement) => agreementCard(api, agreement, rounds, repatriations))));
}

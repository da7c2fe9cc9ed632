/**
 * One row of data/exchanges-2022-2025.csv → the API request that records it. Nothing is lost:
 * what has no field of its own (free-word categories, extras) stays in `notes`.
 */
import type { CsvRow } from './csv';

export interface ImportRequest {
  readonly path: '/rounds' | '/repatriations';
  readonly body: Record<string, unknown>;
  /** Derived from the row's kind and date (one row per kind and day): a re-run replays, never duplicates. */
  readonly idempotencyKey: string;
}

const MEDIATORS = /^(UAE|ICRC|Turkey|Saudi Arabia|Qatar|Vatican)\b/;
const CATEGORY_WORDS: [RegExp, string][] = [
  [/civilian/i, 'civilians'],
  [/women/i, 'women'],
  [/severely wounded|^wounded|seriously injured/i, 'severely_wounded'],
  [/\bill\b/i, 'seriously_ill'],
  [/held since 2022/i, 'held_since_2022'],
  [/officer|commander/i, 'officers'],
  [/young soldiers/i, 'young_soldiers'],
  [/journalist/i, 'journalists'],
  [/medic/i, 'medics'],
  [/convicted/i, 'convicted'],
];

function figure(value: string | undefined, column: string): number | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  if (!/^\d+$/.test(text)) throw new Error(`${column} is not a whole number: "${text}"`);
  return Number(text);
}

function categoriesOf(words: string[]): string[] {
  const found = new Set<string>();
  for (const word of words) {
    if (word === 'military') continue;
    const matches = CATEGORY_WORDS.filter(([pattern]) => pattern.test(word)).map(([, category]) => category);
    (matches.length ? matches : ['other']).forEach((category) => found.add(category));
  }
  return [...found];
}

export function rowToRequest(row: CsvRow): ImportRequest {
  const v = row.values;
  const date = (v.date ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`date is not YYYY-MM-DD: "${date}"`);
  const parts = (v.location_or_mediator ?? '').split(';').map((part) => part.trim()).filter(Boolean);
  const mediators = parts.filter((part) => MEDIATORS.test(part));
  const agreements = parts.filter((part) => !MEDIATORS.test(part) && /istanbul/i.test(part));
  const places = parts.filter((part) => !MEDIATORS.test(part) && !/istanbul/i.test(part));
  const words = (v.categories ?? '').split(';').map((word) => word.trim()).filter(Boolean);
  const sources = (v.source_url ?? '').split(' ; ').map((url) => url.trim()).filter(Boolean).map((url) => ({ url }));
  const notes = [v.note?.trim(), words.length ? `Categories as published: ${words.join('; ')}` : undefined]
    .filter(Boolean)
    .join('\n');
  const common = {
    date,
    ...(mediators.length ? { mediator: mediators.join(', ') } : {}),
    ...(places.length ? { location: places.join('; ') } : {}),
    ...(sources.length ? { sources } : {}),
  };
  const key = (kind: string) => `import-${kind}-${date}`;

  if (v.kind === 'prisoner_exchange') {
    const toUkraine = figure(v.returned_to_ukraine, 'returned_to_ukraine');
    const toRussia = figure(v.returned_to_russia, 'returned_to_russia');
    const categories = categoriesOf(words);
    return {
      path: '/rounds',
      idempotencyKey: key('round'),
      body: {
        ...common,
        status: 'completed',
        ...(agreements.length ? { agreement: agreements.join('; ') } : {}),
        returnedToUkraine: toUkraine === null ? null : { total: toUkraine },
        returnedToRussia: toRussia === null ? null : { total: toRussia },
        ...(categories.length ? { categories } : {}),
        ...(notes ? { notes } : {}),
      },
    };
  }
  if (v.kind === 'body_repatriation') {
    const withAgreement = [notes, agreements.length ? `Agreement: ${agreements.join('; ')}` : undefined].filter(Boolean).join('\n');
    return {
      path: '/repatriations',
      idempotencyKey: key('repatriation'),
      body: {
        ...common,
        bodiesToUkraine: figure(v.returned_to_ukraine, 'returned_to_ukraine'),
        bodiesToRussia: figure(v.returned_to_russia, 'returned_to_russia'),
        ...(withAgreement ? { notes: withAgreement } : {}),
      },
    };
  }
  throw new Error(`kind must be prisoner_exchange or body_repatriation, not "${v.kind ?? ''}"`);
}

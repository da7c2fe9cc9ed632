/**
 * Records for the benchmark, shaped like the public record (completed rounds with counts, some
 * undisclosed, and with sources that state figures, some of them disputed; repatriations; persons
 * of every status, exchanged ones naming a completed round; agreements and negotiation events;
 * rounds and repatriations that name an agreement), laid out as items exactly as the store writes
 * them: key + index attributes + stored bookkeeping (`_statedFigures`) + record fields, and the
 * companion items (a copy per category of a person, a copy in the agreement's partition of what
 * names it; lambdas/store/keys layouts), and the stage claims of rounds. Deterministic but for the
 * ids, which are ULIDs of fixed times with random tails, as the API makes them.
 */
import { agreementStatuses } from '../../lambdas/domain/agreement';
import { categories, sourceSides } from '../../lambdas/domain/fields';
import type { FigureName } from '../../lambdas/domain/figures';
import { newId } from '../../lambdas/domain/ids';
import { negotiationKinds } from '../../lambdas/domain/negotiation';
import { personStatuses } from '../../lambdas/domain/person';
import { normalizeRepatriation } from '../../lambdas/domain/repatriation';
import { normalizeRound } from '../../lambdas/domain/round';
import { recordKey, type RecordLayout } from '../../lambdas/store/keys';
// The test fixtures' seeded generator (mulberry32): the same reproducible data, one copy of it.
import { random as randomFrom } from '../../test/fixtures/name-generator';

type Item = Record<string, unknown>;
type StoredShape = { id: string; createdAt: string; version: number; updatedAt: string };

const BASE_TIME = Date.UTC(2024, 0, 1);
export const serverFields = (index: number) => {
  const at = BASE_TIME + index * 1000;
  const iso = new Date(at).toISOString();
  return { id: newId(at), version: 1, createdAt: iso, updatedAt: iso };
};
const dateOf = (random: () => number) => {
  const day = new Date(Date.UTC(2022, 2, 1) + Math.floor(random() * 1300) * 86_400_000);
  return day.toISOString().slice(0, 10);
};

/**
 * The item a create Puts, and the companion items and claims it Puts beside it
 * (lambdas/store/records.ts, transaction-plan.ts). Reference counts (`_references`) are not kept.
 */
export function itemsOf<R extends StoredShape>(layout: RecordLayout<R>, record: R): Item[] {
  // Bookkeeping the layout stores beside the fields (a round's `_statedFigures`, which the stats index projects).
  const items: Item[] = [{ ...recordKey(layout.entity, record.id), ...layout.indexAttributes(record), ...layout.storedAttributes?.(record), ...record }];
  for (const companion of layout.companions?.(record) ?? []) items.push({ ...companion.key, ...companion.indexAttributes, ...record });
  for (const unique of layout.uniques?.(record) ?? []) items.push({ ...unique.key, holder: record.id });
  return items;
}

export function roundRecords(count: number, seed = 1) {
  const random = randomFrom(seed);
  return Array.from({ length: count }, (_, i) => {
    const undisclosed = random() < 0.2;
    const total = 50 + Math.floor(random() * 500);
    const civilians = Math.floor(random() * 50);
    return {
      ...normalizeRound({
        date: dateOf(random),
        status: i % 10 === 9 ? 'planned' : 'completed',
        agreement: 'Istanbul 2025-05-16',
        mediator: 'UAE',
        ...(i % 10 === 9 || undisclosed
          ? {}
          : {
              returnedToUkraine: { total, military: total - civilians, civilians },
              returnedToRussia: { total },
            }),
        categories: ['severely_wounded', 'held_since_2022'],
        sources: [{ url: 'https://www.president.gov.ua/en/news/example', publisher: 'Office of the President' }],
      }),
      ...serverFields(i),
    };
  });
}

/** Rounds `stage` 1..count of one agreement (named by `agreementId`), otherwise as roundRecords. */
export function linkedRoundRecords(agreementId: string, count: number, seed: number) {
  return roundRecords(count, seed).map((round, i) => ({ ...round, agreementId, stage: i + 1 }));
}

export function repatriationRecords(count: number, seed = 2) {
  const random = randomFrom(seed);
  return Array.from({ length: count }, (_, i) => ({
    ...normalizeRepatriation({
      date: dateOf(random),
      bodiesToUkraine: Math.floor(random() * 1000),
      bodiesToRussia: random() < 0.3 ? null : Math.floor(random() * 100),
      mediator: 'ICRC',
    }),
    ...serverFields(i),
  }));
}

type Side = (typeof sourceSides)[number];
type Count = { total: number; military?: number; civilians?: number };
const PUBLISHERS: Readonly<Record<Side, { url: string; publisher: string }>> = {
  ukraine: { url: 'https://www.president.gov.ua/en/news/example', publisher: 'Office of the President' },
  russia: { url: 'https://mil.ru/example', publisher: "Russia's defence ministry" },
  mediator: { url: 'https://www.mofa.gov.ae/en/mediaHub/news/example', publisher: 'UAE Ministry of Foreign Affairs' },
  independent: { url: 'https://www.reuters.com/world/europe/example/', publisher: 'Reuters' },
};

/** A count of `total`, with its military/civilians split when `split` (both parts in 60 %, else one). */
function countOf(random: () => number, total: number, split: boolean): Count {
  if (!split) return { total };
  const draw = random();
  const civilians = Math.floor(random() * Math.min(total, 60));
  if (draw < 0.6) return { total, military: total - civilians, civilians };
  return draw < 0.8 ? { total, civilians } : { total, military: total - civilians };
}

/**
 * 0–3 sources (none in 8 %), each with its `side` (the first Ukraine's in most), about 30 % of them
 * stating figures: each figure of `truth` stated in 70 % of those, and then off by 1–15 in 12 %.
 * So some records are disputed, and some undisclosed headlines have figures only from sources.
 */
function statedSources<N extends FigureName>(random: () => number, truth: Readonly<Record<N, number>>, names: readonly N[]) {
  const count = random() < 0.08 ? 0 : 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, (_, j) => {
    const side: Side = j === 0 && random() < 0.8 ? 'ukraine' : sourceSides[Math.floor(random() * sourceSides.length)]!;
    const figures: Partial<Record<N, number>> = {};
    if (random() < 0.3) {
      for (const name of names) {
        if (random() >= 0.7) continue;
        const off = random() < 0.12 ? (1 + Math.floor(random() * 15)) * (random() < 0.5 ? -1 : 1) : 0;
        figures[name] = Math.max(0, truth[name] + off);
      }
    }
    return {
      ...PUBLISHERS[side],
      side,
      ...(random() < 0.2 ? { claim: 'Figures as announced on the day of the handover' } : {}),
      ...(Object.keys(figures).length ? { figures } : {}),
    };
  });
}

/**
 * Completed rounds as the public record has them, with sources (statedSources): both counts
 * disclosed in 85 % (Russia's undisclosed in 7 %, both in 8 %), the same number each way in 60 %,
 * a military/civilians split in 10 % of rounds (each way in 6 %, Ukraine's alone in 4 %); categories
 * as roundRecords. Then `planned` planned rounds (no counts, sources without figures), which the stats
 * index does not hold.
 */
export function sourcedRoundRecords(count: number, options: { seed?: number; planned?: number } = {}) {
  const random = randomFrom(options.seed ?? 11);
  const completed = Array.from({ length: count }, (_, i) => {
    const disclosure = random();
    const split = random();
    const truth = { returnedToUkraine: 50 + Math.floor(random() * 500), returnedToRussia: 0 };
    truth.returnedToRussia = random() < 0.6 ? truth.returnedToUkraine : 50 + Math.floor(random() * 500);
    return {
      ...normalizeRound({
        date: dateOf(random),
        status: 'completed',
        mediator: 'UAE',
        returnedToUkraine: disclosure < 0.08 ? null : countOf(random, truth.returnedToUkraine, split < 0.1),
        returnedToRussia: disclosure < 0.15 ? null : countOf(random, truth.returnedToRussia, split < 0.06),
        categories: ['severely_wounded', 'held_since_2022'],
        sources: statedSources(random, truth, ['returnedToUkraine', 'returnedToRussia'] as const),
      }),
      ...serverFields(4_000_000 + i),
    };
  });
  const planned = Array.from({ length: options.planned ?? 0 }, (_, i) => ({
    ...normalizeRound({
      date: dateOf(random),
      status: 'planned',
      mediator: 'UAE',
      sources: [{ ...PUBLISHERS.ukraine, side: 'ukraine' as const }],
    }),
    ...serverFields(4_000_000 + count + i),
  }));
  return [...completed, ...planned];
}

/** Repatriations as repatriationRecords, with sources (statedSources) stating the bodies each way. */
export function sourcedRepatriationRecords(count: number, seed = 12) {
  const random = randomFrom(seed);
  return Array.from({ length: count }, (_, i) => {
    const truth = { bodiesToUkraine: Math.floor(random() * 1000), bodiesToRussia: Math.floor(random() * 100) };
    return {
      ...normalizeRepatriation({
        date: dateOf(random),
        bodiesToUkraine: truth.bodiesToUkraine,
        bodiesToRussia: random() < 0.3 ? null : truth.bodiesToRussia,
        mediator: 'ICRC',
        sources: statedSources(random, truth, ['bodiesToUkraine', 'bodiesToRussia'] as const),
      }),
      ...serverFields(5_000_000 + i),
    };
  });
}

/** `from`..`from+count-1`: persons are loaded in steps (1k, then 9k more, then 90k more). */
export function personRecords(from: number, count: number, completedRoundIds: readonly string[], seed = 3) {
  const random = randomFrom(seed + from);
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const drawn = personStatuses[Math.floor(random() * personStatuses.length)]!;
    // An exchanged person names a completed round; without rounds, the person is still held.
    const status = drawn === 'exchanged' && completedRoundIds.length === 0 ? 'held' : drawn;
    const categoryCount = Math.floor(random() * 3);
    const chosen = new Set<string>();
    while (chosen.size < categoryCount) chosen.add(categories[Math.floor(random() * categories.length)]!);
    return {
      fullName: `Person ${i}`,
      side: random() < 0.7 ? 'ukraine' : 'russia',
      kind: random() < 0.8 ? 'military' : 'civilian',
      status,
      capturedOn: dateOf(random),
      ...(chosen.size ? { categories: [...chosen] } : {}),
      rank: 'Sergeant',
      unit: '36th Marine Brigade',
      // Round reference counts (`_references`) are not kept here: only deletes and un-completing read them.
      ...(status === 'exchanged'
        ? { roundId: completedRoundIds[Math.floor(random() * completedRoundIds.length)]! }
        : {}),
      ...serverFields(1_000_000 + i),
    };
  });
}

/**
 * Agreements shaped like data/agreements-2025.json: a numbered commitment each way (and one of
 * bodies), every status, sources. The first one commits to `firstCommitment` each way (the
 * benchmarks link many rounds to it).
 */
export function agreementRecords(count: number, options: { seed?: number; firstCommitment?: number } = {}) {
  const random = randomFrom(options.seed ?? 6);
  return Array.from({ length: count }, (_, i) => {
    const each = i === 0 && options.firstCommitment ? options.firstCommitment : 100 * (1 + Math.floor(random() * 12));
    return {
      title: `Istanbul, agreement ${i + 1}: ${each.toLocaleString('en-US')} for ${each.toLocaleString('en-US')}`,
      reachedOn: dateOf(random),
      venue: 'Istanbul',
      mediators: ['Türkiye'],
      status: i === 0 ? 'in_progress' : agreementStatuses[i % agreementStatuses.length]!,
      commitments: [
        { kind: 'prisoners' as const, toUkraine: each, toRussia: each, description: `at least ${each.toLocaleString('en-US')} each` },
        { kind: 'bodies' as const, toUkraine: 1000 + Math.floor(random() * 5000), description: 'bodies returned to Ukraine' },
        { kind: 'prisoners' as const, categories: ['severely_wounded' as const], description: 'all the severely wounded' },
      ],
      sources: [{ url: 'https://www.pravda.com.ua/eng/news/2025/07/24/example/', publisher: 'Ukrainska Pravda', side: 'independent' as const }],
      ...serverFields(2_000_000 + i),
    };
  });
}

/** Negotiation events of every kind; the first `linked` name agreementIds in turn (a copy each in the agreement's partition). */
export function negotiationRecords(count: number, agreementIds: readonly string[], linked: number, seed = 7) {
  const random = randomFrom(seed);
  return Array.from({ length: count }, (_, i) => ({
    date: dateOf(random),
    kind: negotiationKinds[i % negotiationKinds.length]!,
    title: `Talks on exchanges, meeting ${i + 1}`,
    venue: 'Istanbul',
    mediator: 'Türkiye',
    ...(i < linked && agreementIds.length ? { agreementId: agreementIds[i % agreementIds.length]! } : {}),
    outcome: 'Lists of prisoners handed over; the next stage agreed',
    sources: [{ url: 'https://www.pravda.com.ua/eng/news/2025/08/06/example/', publisher: 'Ukrainska Pravda', side: 'independent' as const }],
    ...serverFields(3_000_000 + i),
  }));
}

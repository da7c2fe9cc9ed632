/**
 * Records for the benchmark, shaped like the public record (completed rounds with counts, some
 * undisclosed; repatriations; persons of every status, exchanged ones naming a completed round),
 * laid out as items exactly as the store writes them: key + index attributes + record fields, and
 * a companion item per category (lambdas/store/keys.ts layouts). Deterministic but for the ids,
 * which are ULIDs of fixed times with random tails, as the API makes them.
 */
import { categories } from '../../lambdas/domain/fields';
import { newId } from '../../lambdas/domain/ids';
import { personStatuses } from '../../lambdas/domain/person';
import { normalizeRepatriation } from '../../lambdas/domain/repatriation';
import { normalizeRound } from '../../lambdas/domain/round';
import { recordKey, type RecordLayout } from '../../lambdas/store/keys';

type Item = Record<string, unknown>;
type StoredShape = { id: string; createdAt: string; version: number; updatedAt: string };

/** A small deterministic generator (mulberry32): reproducible data without a dependency. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_TIME = Date.UTC(2024, 0, 1);
const serverFields = (index: number) => {
  const at = BASE_TIME + index * 1000;
  const iso = new Date(at).toISOString();
  return { id: newId(at), version: 1, createdAt: iso, updatedAt: iso };
};
const dateOf = (random: () => number) => {
  const day = new Date(Date.UTC(2022, 2, 1) + Math.floor(random() * 1300) * 86_400_000);
  return day.toISOString().slice(0, 10);
};

/** The item a create Puts, and the companion items it Puts beside it (lambdas/store/records.ts). */
export function itemsOf<R extends StoredShape>(layout: RecordLayout<R>, record: R): Item[] {
  const items: Item[] = [{ ...recordKey(layout.entity, record.id), ...layout.indexAttributes(record), ...record }];
  for (const companion of layout.companions?.(record) ?? []) items.push({ ...companion.key, ...companion.indexAttributes, ...record });
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


/**
 * What the cold and warm sections reconcile: registry persons with names as the registry writes
 * them (bin/bench/matching.ts's generator: Ukrainian names in Cyrillic with patronymics, most with a
 * date of birth, some with a service number), and the body of their `POST /reconciliations`, shaped
 * like test/support/fixtures.ts `reconciliationList()` (Ukraine's prisoners, as Russia listed them),
 * whose entries name some of those persons as a counterpart's list writes them (another script or
 * transliteration, another order, a typo now and then) and some persons the registry does not hold.
 *
 * Deterministic and by position: the person at position i of any set given to `withRegistryNames`
 * gets the i-th name, and is of Ukraine's side for i % 10 < 7, of Russia's otherwise. So the cold
 * table (20 persons) holds the first persons the list names, and the warm table (REGISTRY_PERSONS)
 * holds every one of them among a few hundred.
 */
import { RegistryGenerator } from './registry-generator';
import { reconciliationList } from '../../test/support/fixtures';
import type { Identity } from '../../test/fixtures/name-generator';

/** Persons of the warm section's names index: a few hundred, both sides. */
export const REGISTRY_PERSONS = 400;
/** Entries of the list: seven in ten name a registry person of the list's side. */
export const LIST_ENTRIES = 40;
export const LIST_SIDE = 'ukraine';

const sideAt = (i: number) => (i % 10 < 7 ? LIST_SIDE : 'russia');

const registry = new RegistryGenerator(4041);
const named = Array.from({ length: REGISTRY_PERSONS }, (_, i) => {
  const identity: Identity = registry.identity();
  const { fullName, dateOfBirth, serviceNumber, kind } = registry.person(identity, `named-${i}`);
  return { identity, fields: { fullName, ...(dateOfBirth ? { dateOfBirth } : {}), ...(serviceNumber ? { serviceNumber } : {}), kind } };
});

/** The same persons with the registry's names (and dates of birth, service numbers, kinds) and sides by position; status and the rest kept. */
export function withRegistryNames<P extends { fullName: string; side: string; kind: string }>(persons: readonly P[]): P[] {
  if (persons.length > REGISTRY_PERSONS) throw new Error(`withRegistryNames: at most ${REGISTRY_PERSONS} persons`);
  return persons.map((person, i) => ({ ...person, ...named[i]!.fields, side: sideAt(i) }));
}

// The list: position i names registry person i when that person is of the list's side, else someone the registry does not hold.
const writer = new RegistryGenerator(4042);
const entries = Array.from({ length: LIST_ENTRIES }, (_, i) => ({
  ref: String(i + 1),
  ...writer.entry(sideAt(i) === LIST_SIDE ? named[i]!.identity : writer.identity()),
}));

/** The body of `POST /reconciliations`. */
export const reconciliationBody = () =>
  reconciliationList({ title: 'List of Ukrainian prisoners handed over by the Russian side', listOf: LIST_SIDE, entries: entries.map((entry) => ({ ...entry })) });

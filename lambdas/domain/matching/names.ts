/**
 * A name as the matcher sees it: its words, each with its comparison keys (key.ts), the given-name
 * groups it belongs to (given-names.ts), and which word is the patronymic.
 */
import { femaleGivenNames, irregularPatronymics, maleGivenNames, surnameStems } from './given-names';
import { limited } from 'talisman/metrics/damerau-levenshtein.js';
import { coarseKey, collapse, cyrillicKey, deletions, keyVariants, letterKey } from './key';
import { latinOf, words } from './text';

export interface Patronymic {
  /** The key without the patronymic suffix and the name's final vowels: Миколайович → mIkol. */
  readonly stem: string;
  /** The male given-name groups of that stem, when it is a known name's. */
  readonly groups: readonly number[];
  readonly female: boolean;
}

export interface Word {
  /** Interned per PersonIndex: equal ids are the same normalised word. */
  readonly id: number;
  readonly text: string;
  readonly keys: readonly string[];
  /** Its letter key and, if Cyrillic, its Cyrillic key (key.ts): for counting typos. */
  readonly letters: readonly string[];
  /** For typos: its keys and those of every form of its given-name groups (Dmitii is one edit from Дмитрий, a form of Дмитро). */
  readonly typoKeys: readonly string[];
  readonly typoLetters: readonly string[];
  /** The given-name groups (indices into `givenNameForms`) whose forms have one of these keys. */
  readonly groups: readonly number[];
  /** A single letter, with or without its dot: I. for Ivan. */
  readonly initial: boolean;
  /** The first letters of its keys and of its given-name groups' forms (for initials). */
  readonly firsts: ReadonlySet<string>;
  /** Its reading as a patronymic, when it has a patronymic suffix. */
  readonly patronymic: Patronymic | null;
}

export interface NameParts {
  /** Every word in written order: surname, given names, patronymic, initials. */
  readonly words: readonly Word[];
  /** Which word is the patronymic (-1: none): see `Lexicon.parse`. */
  readonly patronymic: number;
  /** Per word: it could be the patronymic (a patronymic suffix, not the first of three words or more). */
  readonly candidate: readonly boolean[];
}

/** Every group's forms, male groups first. */
export const givenNameForms: readonly (readonly string[])[] = [...maleGivenNames, ...femaleGivenNames];
const maleGroupCount = maleGivenNames.length;

const wordKeys = (form: string) => keyVariants(latinOf(words(form).join('')));
/** A word's finer keys for typos: its letter key, and its Cyrillic key if it is Cyrillic. */
const lettersOf = (text: string, latin: string): string[] => {
  const cyrillic = cyrillicKey(text);
  return cyrillic ? [letterKey(latin), cyrillic] : [letterKey(latin)];
};
const wordLetters = (form: string) => {
  const text = words(form).join('');
  return lettersOf(text, latinOf(text));
};
const TRAILING_VOWELS = /[aoIuE]+$/;

/** Patronymic suffixes as keys: -ович/-ovych/-ovich, -евич/-ievych/-evich, -івна/-ivna, -овна, -ична, -ич. */
const patronymicSuffixes: readonly (readonly [suffix: string, female: boolean])[] = [
  ['ovIČ', false],
  ['IvIČ', false],
  ['ovna', true],
  ['Ivna', true],
  ['IČna', true],
  ['IČ', false],
];

function patronymicStem(key: string): { stem: string; female: boolean; suffix: string } | null {
  for (const [suffix, female] of patronymicSuffixes) {
    if (key.length - suffix.length >= 2 && key.endsWith(suffix)) {
      return { stem: key.slice(0, -suffix.length).replace(TRAILING_VOWELS, ''), female, suffix };
    }
  }
  return null;
}

function addTo(map: Map<string, number[]>, key: string, group: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [group]);
  else if (!list.includes(group)) list.push(group);
}

interface Tables {
  /** Key → given-name groups. */
  readonly groupsOfKey: Map<string, number[]>;
  /** Patronymic stem → male groups. */
  readonly groupsOfStem: Map<string, number[]>;
  readonly firstLettersOfGroup: string[][];
  readonly keysOfGroup: string[][];
  readonly lettersOfGroup: string[][];
  /** Male groups: the stems and keys their patronymics are made from (Миколайович, Николаевич: mIkol, nIkolaI…). */
  readonly stemsOfGroup: string[][];
  /** Deletions of the groups' keys → groups (typos in a form the registry does not write). */
  readonly groupsByDeletion: Map<string, number[]>;
  readonly stemRewrites: readonly (readonly [ua: string, ru: string])[];
}

let built: Tables | undefined;

/** The given-name tables, built on first use (about 20 ms), not when a bundle loads the module. */
function tables(): Tables {
  if (built) return built;
  const groupsOfKey = new Map<string, number[]>();
  const groupsOfStem = new Map<string, number[]>();
  const firstLettersOfGroup: string[][] = [];
  const keysOfGroup: string[][] = [];
  const lettersOfGroup: string[][] = [];
  const stemsOfGroup: string[][] = givenNameForms.map(() => []);
  givenNameForms.forEach((forms, group) => {
    const firsts = new Set<string>();
    const keys = new Set<string>();
    const letters = new Set<string>();
    for (const form of forms) {
      for (const key of wordLetters(form)) letters.add(key);
      for (const key of wordKeys(form)) {
        keys.add(key);
        addTo(groupsOfKey, key, group);
        firsts.add(key[0]!);
        if (group < maleGroupCount) {
          const stem = key.replace(TRAILING_VOWELS, '');
          if (stem.length >= 2) addTo(groupsOfStem, stem, group);
          for (const base of [stem, key]) if (base.length >= 2 && !stemsOfGroup[group]!.includes(base)) stemsOfGroup[group]!.push(base);
        }
      }
    }
    firstLettersOfGroup.push([...firsts]);
    keysOfGroup.push([...keys]);
    lettersOfGroup.push([...letters]);
    for (const patronymic of irregularPatronymics[forms[0]!] ?? []) {
      for (const key of wordKeys(patronymic)) {
        const parsed = patronymicStem(key);
        if (parsed) {
          addTo(groupsOfStem, parsed.stem, group);
          if (!stemsOfGroup[group]!.includes(parsed.stem)) stemsOfGroup[group]!.push(parsed.stem);
        }
      }
    }
  });
  const groupsByDeletion = new Map<string, number[]>();
  keysOfGroup.forEach((keys, group) => {
    for (const key of keys) if (key.length >= 4) for (const shorter of deletions(key)) addTo(groupsByDeletion, shorter, group);
  });
  const stemRewrites = surnameStems.map(([ua, ru]) => [coarseKey(latinOf(ua.toLowerCase())), coarseKey(latinOf(ru.toLowerCase()))] as const);
  built = { groupsOfKey, groupsOfStem, firstLettersOfGroup, keysOfGroup, lettersOfGroup, stemsOfGroup, groupsByDeletion, stemRewrites };
  return built;
}

/** The groups of a key, for tests and for the index's group look-ups. */
export const givenNameGroupsOf = (key: string): readonly number[] => tables().groupsOfKey.get(key) ?? [];

/**
 * The given-name groups with a form one edit from this key (keys of four letters or more): a typo
 * in the other national form (Никоалй for Николай, when the registry has Микола) still finds the name.
 */
export function givenNameGroupsNear(key: string): number[] {
  const { groupsByDeletion, keysOfGroup } = tables();
  const found: number[] = [];
  if (key.length < 4) return found;
  for (const shorter of deletions(key)) {
    for (const group of groupsByDeletion.get(shorter) ?? []) {
      if (found.includes(group)) continue;
      if (keysOfGroup[group]!.some((form) => limited(1, key, form) <= 1)) found.push(group);
    }
  }
  return found;
}

/** Builds and interns words; one per PersonIndex, so that its caches die with the index. */
export class Lexicon {
  private readonly byText = new Map<string, Word>();
  private count = 0;

  word(text: string): Word {
    const known = this.byText.get(text);
    if (known) return known;
    const { groupsOfKey, groupsOfStem, firstLettersOfGroup, keysOfGroup, lettersOfGroup, stemsOfGroup, stemRewrites } = tables();
    const latin = latinOf(text);
    const keys = keyVariants(latin);
    for (const [ua, ru] of stemRewrites) {
      for (const key of keys.slice()) {
        if (key.length >= ru.length + 2 && key.startsWith(ru)) keys.push(ua + key.slice(ru.length));
      }
    }
    const groups: number[] = [];
    const firsts = new Set<string>();
    for (const key of keys) {
      if (key) firsts.add(key[0]!);
      for (const group of groupsOfKey.get(key) ?? []) if (!groups.includes(group)) groups.push(group);
    }
    for (const group of groups) for (const first of firstLettersOfGroup[group]!) firsts.add(first);
    const letters = lettersOf(text, latin);
    const typoKeys = new Set(keys);
    const typoLetters = new Set(letters);
    for (const group of groups) {
      for (const key of keysOfGroup[group]!) typoKeys.add(key);
      for (const key of lettersOfGroup[group]!) typoLetters.add(key);
    }
    let patronymic: Patronymic | null = null;
    for (const key of keys) {
      const parsed = patronymicStem(key);
      if (!parsed) continue;
      const stemGroups = groupsOfStem.get(parsed.stem) ?? [];
      // A bare -ич (Бабич, Мацкевич are surnames) counts only when its stem is a known name's: Ілліч, Лукич.
      if (parsed.suffix === 'IČ' && stemGroups.length === 0) continue;
      patronymic = { stem: parsed.stem, groups: stemGroups, female: parsed.female };
      break;
    }
    if (patronymic) {
      // Every national form of this patronymic, so that a typo in any is one edit: Констартинович
      // is one from Константинович, a form of Костянтинович.
      const suffixes = patronymic.female ? ['vna', 'ovna', 'Ivna'] : ['vIČ', 'ovIČ', 'IvIČ', 'IovIČ'];
      for (const group of patronymic.groups) {
        for (const base of stemsOfGroup[group]!) for (const suffix of suffixes) typoKeys.add(collapse(base + suffix));
      }
    }
    const word: Word = {
      id: this.count++,
      text,
      keys: keys.filter((key) => key.length > 0),
      letters,
      typoKeys: [...typoKeys].filter((key) => key.length > 0),
      typoLetters: [...typoLetters].filter((key) => key.length > 0),
      groups,
      initial: [...text].length === 1,
      firsts,
      patronymic,
    };
    this.byText.set(text, word);
    return word;
  }

  /**
   * Splits a full name into its words and finds the patronymic: with three words or more, a word
   * other than the first with a patronymic suffix, one whose stem is a known name first, the last
   * such word first (Surname Given Patronymic; Given Patronymic Surname). The comparison pairs words
   * in any order and may still pair another candidate as the patronymic (Ivan Mykolaiovych Petrovych).
   */
  parse(fullName: string): NameParts {
    const all = words(fullName).map((text) => this.word(text));
    const threeOrMore = all.filter((word) => !word.initial).length >= 3;
    const candidate = all.map((word, i) => threeOrMore && i >= 1 && !word.initial && word.patronymic !== null);
    let patronymic = -1;
    for (let i = all.length - 1; i >= 1; i--) {
      if (!candidate[i]) continue;
      if (all[i]!.patronymic!.groups.length > 0) {
        patronymic = i;
        break;
      }
      if (patronymic < 0) patronymic = i;
    }
    return { words: all, patronymic, candidate };
  }
}

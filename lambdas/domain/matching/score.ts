/**
 * One entry against one person: which words pair up, how many edits apart, what the date of birth
 * and service number say, the score, and whether this person alone would be a match. The rules
 * are explained in docs/matching.md.
 */
import { limited } from 'talisman/metrics/damerau-levenshtein.js';
import { compareBirthDates, compareServiceNumbers, type BirthDate, type Relation, type ServiceNumber } from './fields';
import type { NameParts, Word } from './names';
import type { Agreed } from './types';

/** Edits between two words: 0, 1, 2, or Infinity for words that are not the same name. */
export interface WordComparison {
  readonly edits: number;
  /** One side is an initial that fits the other. */
  readonly initial: boolean;
}

const SAME: WordComparison = { edits: 0, initial: false };
const INITIAL: WordComparison = { edits: 0, initial: true };
const DIFFERENT: WordComparison = { edits: Infinity, initial: false };
const ONE: WordComparison = { edits: 1, initial: false };
const TWO: WordComparison = { edits: 2, initial: false };

const intersects = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.some((item) => b.includes(item));

/** Two edits in words of five letters of key or more, one in three or four, none below. */
const maxEdits = (a: string, b: string) => {
  const shorter = Math.min(a.length, b.length);
  return shorter >= 5 ? 2 : shorter >= 3 ? 1 : 0;
};

/** Optimal string alignment distance between the closest keys of two words, or Infinity past `cap`. */
export function keyDistance(a: readonly string[], b: readonly string[], cap = 2): number {
  let best = Infinity;
  for (const x of a) {
    for (const y of b) {
      const max = Math.min(cap, maxEdits(x, y));
      const distance = limited(max, x, y);
      if (distance < best) best = distance;
      if (best === 0) return 0;
    }
  }
  return best;
}

export function compareWords(a: Word, b: Word): WordComparison {
  if (a.initial || b.initial) {
    for (const first of a.firsts) if (b.firsts.has(first)) return INITIAL;
    return DIFFERENT;
  }
  if (a.id === b.id || intersects(a.keys, b.keys) || intersects(a.groups, b.groups)) return SAME;
  // Two different known given names are two names, however close: Олександр / Олександра, Ігор / Єгор.
  if (a.groups.length > 0 && b.groups.length > 0) return DIFFERENT;
  // Equal letters with different keys is still a typo (a digraph broken, an initial e): one edit.
  const distance = Math.min(keyDistance(a.typoKeys, b.typoKeys), Math.max(1, keyDistance(a.typoLetters, b.typoLetters)));
  return distance === 0 ? SAME : distance === 1 ? ONE : distance === 2 ? TWO : DIFFERENT;
}

/** Patronymics: the same name's (Сергійович / Сергеевич) → 0, one edit → 1, else Infinity. */
export function comparePatronymics(a: Word, b: Word): number {
  if (intersects(a.keys, b.keys)) return 0;
  const pa = a.patronymic;
  const pb = b.patronymic;
  if (pa && pb) {
    if (pa.female !== pb.female) return Infinity;
    if (pa.stem === pb.stem || intersects(pa.groups, pb.groups)) return 0;
    if (pa.groups.length > 0 && pb.groups.length > 0) return Infinity;
  }
  return Math.min(keyDistance(a.typoKeys, b.typoKeys, 1), keyDistance(a.typoLetters, b.typoLetters, 1)) <= 1 ? 1 : Infinity;
}

export interface Alignment {
  /** Pairs of entry word index, person word index, comparison. */
  readonly pairs: readonly (readonly [number, number, WordComparison])[];
  readonly unpairedEntry: readonly number[];
  readonly unpairedPerson: readonly number[];
}

/**
 * The pairing of the entry's words with the person's, in any order, that pairs the most words,
 * then the fewest edits. Names have two to four words; more than five are compared as their
 * first five (the search is over every pairing).
 */
export function align(entry: readonly Word[], person: readonly Word[], compare: (a: Word, b: Word) => WordComparison): Alignment {
  const e = entry.slice(0, 5);
  const p = person.slice(0, 5);
  const table = e.map((a) => p.map((b) => compare(a, b)));
  const used = new Array<boolean>(p.length).fill(false);
  const current: number[] = new Array<number>(e.length).fill(-1);
  let best: number[] = current.slice();
  let bestPaired = -1;
  let bestEdits = Infinity;
  const walk = (i: number, paired: number, edits: number) => {
    if (i === e.length) {
      if (paired > bestPaired || (paired === bestPaired && edits < bestEdits)) {
        bestPaired = paired;
        bestEdits = edits;
        best = current.slice();
      }
      return;
    }
    for (let j = 0; j < p.length; j++) {
      const comparison = table[i]![j]!;
      if (used[j] || comparison.edits === Infinity) continue;
      used[j] = true;
      current[i] = j;
      walk(i + 1, paired + 1, edits + comparison.edits + (comparison.initial ? 0.5 : 0));
      used[j] = false;
    }
    current[i] = -1;
    walk(i + 1, paired, edits);
  };
  walk(0, 0, 0);
  const pairs: [number, number, WordComparison][] = [];
  best.forEach((j, i) => {
    if (j >= 0) pairs.push([i, j, table[i]![j]!]);
  });
  return {
    pairs,
    unpairedEntry: entry.map((_, i) => i).filter((i) => best[i] === undefined || best[i]! < 0),
    unpairedPerson: person.map((_, j) => j).filter((j) => !best.includes(j)),
  };
}

export interface Side {
  readonly name: NameParts;
  readonly birth: BirthDate | null;
  readonly service: ServiceNumber | null;
  readonly kind?: string;
}

export interface Evaluation {
  readonly score: number;
  /** This person alone would be the entry's match. */
  readonly strong: boolean;
  /** 2 service number agrees, 1 date of birth agrees, 0 neither: what makes one strong person clearer than another. */
  readonly tier: number;
  readonly edits: number;
  readonly agreed: Agreed[];
}

/** How much a word pair counts toward the name's similarity. */
const similarity = (comparison: WordComparison) =>
  comparison.initial ? 0.75 : comparison.edits === 0 ? 1 : comparison.edits === 1 ? 0.85 : comparison.edits === 2 ? 0.7 : 0;

export const POSSIBLE_SCORE = 0.55;

/**
 * @param compare compareWords, cached by the caller.
 * @param isKnownWord whether an entry word is a name the registry or the given-name table knows:
 *   one edit away from the person's word, such a word is another name, not a typo (Іванченко /
 *   Іваненко), unless the date of birth or service number confirms.
 */
export function evaluate(
  entry: Side,
  person: Side,
  compare: (a: Word, b: Word) => WordComparison,
  isKnownWord: (word: Word) => boolean,
): Evaluation {
  const e = entry.name;
  const p = person.name;
  // Two patronymics compare as patronymics (Сергійович / Сергеевич), everything else as words.
  const alignment = align(e.words, p.words, (a, b) =>
    a.patronymic && b.patronymic ? { edits: comparePatronymics(a, b), initial: false } : compare(a, b),
  );
  // At most one pair is the patronymics': two candidates, else one side's chosen patronymic.
  let patronymicPair = alignment.pairs.findIndex(([i, j]) => e.candidate[i] && p.candidate[j]);
  if (patronymicPair < 0) patronymicPair = alignment.pairs.findIndex(([i, j]) => i === e.patronymic || j === p.patronymic);
  let unpairedEntry = alignment.unpairedEntry;
  let unpairedPerson = alignment.unpairedPerson;
  let patronymicEdits = 0;
  if (patronymicPair >= 0) {
    patronymicEdits = alignment.pairs[patronymicPair]![2].edits;
  } else {
    // A patronymic on one side only is left out; one on each side, unpaired, is a different father.
    const entryOpen = e.patronymic >= 0 && unpairedEntry.includes(e.patronymic);
    const personOpen = p.patronymic >= 0 && unpairedPerson.includes(p.patronymic);
    if (entryOpen) unpairedEntry = unpairedEntry.filter((i) => i !== e.patronymic);
    if (personOpen) unpairedPerson = unpairedPerson.filter((j) => j !== p.patronymic);
    if (entryOpen && personOpen) patronymicEdits = Infinity;
  }

  const mainPairs = alignment.pairs.filter((_, k) => k !== patronymicPair);
  const slots = Math.max(mainPairs.length + unpairedEntry.length, mainPairs.length + unpairedPerson.length, 1);
  let similaritySum = 0;
  let edits = 0;
  let initials = 0;
  let typoInKnownWord = false;
  for (const [i, , comparison] of mainPairs) {
    similaritySum += similarity(comparison);
    if (comparison.initial) initials++;
    else {
      edits += comparison.edits;
      if (comparison.edits > 0 && isKnownWord(e.words[i]!)) typoInKnownWord = true;
    }
  }
  const patronymicOk = patronymicEdits !== Infinity;
  if (patronymicOk) edits += patronymicEdits;
  const patronymicFactor = patronymicEdits === 0 ? 1 : patronymicEdits === 1 ? 0.95 : 0.75;
  const name = (similaritySum / slots) * patronymicFactor;

  const birth: Relation = compareBirthDates(entry.birth, person.birth);
  const service: Relation = compareServiceNumbers(entry.service, person.service);
  const disagreement = birth === 'disagree' || birth === 'near' || service === 'disagree';
  const confirmed = birth === 'agree' || service === 'agree';
  const evidence = disagreement ? 0 : confirmed ? 1 : 0.5;
  const penalty =
    (birth === 'disagree' ? 0.2 : birth === 'near' ? 0.1 : 0) +
    (service === 'disagree' ? 0.2 : 0) +
    (entry.kind && person.kind && entry.kind !== person.kind ? 0.05 : 0);
  const score = Math.round(Math.min(1, Math.max(0, 0.85 * name + 0.15 * evidence - penalty)) * 1000) / 1000;

  const allPaired = unpairedEntry.length === 0 && unpairedPerson.length === 0 && initials === 0 && mainPairs.length >= 2 && patronymicOk;
  const nameAgrees = allPaired && (edits === 0 || (edits === 1 && (confirmed || !typoInKnownWord)));
  const strong = !disagreement && allPaired && (nameAgrees || (service === 'agree' && edits <= 2));
  const agreed: Agreed[] = [];
  if (nameAgrees) agreed.push('name');
  if (birth === 'agree') agreed.push('dateOfBirth');
  if (service === 'agree') agreed.push('serviceNumber');
  return { score, strong, tier: service === 'agree' ? 2 : birth === 'agree' ? 1 : 0, edits, agreed };
}

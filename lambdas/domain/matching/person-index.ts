/**
 * The persons of one side, indexed once per reconciliation so that each entry is compared with a
 * few persons, not all of them. Blocking keys, all in memory:
 *
 * - every key and letter key (key.ts) of every name word (not the patronymic) → its persons;
 * - every key with one letter deleted → the keys it came from, so that a word within one edit of
 *   an entry's word (a typo anywhere, the first letter too) is found without a scan: two words one
 *   edit apart share a key or a one-letter deletion (the same for letter keys);
 * - every given-name group → its keys in the registry (Олександр finds Александр and Alexander);
 * - date of birth → persons; service number → persons.
 *
 * An entry looks up each of its words (its keys, their one-edit neighbours, its given-name group)
 * and scores only the persons that two of its words find, or its date of birth or service number:
 * see `candidates`. Word order never matters.
 */
import { limited } from 'talisman/metrics/damerau-levenshtein.js';
import { deletions } from './key';
import { birthDate, serviceNumber } from './fields';
import { givenNameGroupsNear, givenNameGroupsOf, Lexicon, type Word } from './names';
import { compareWords, evaluate, POSSIBLE_SCORE, type Evaluation, type Side, type WordComparison } from './score';
import type { Candidate, CandidatePerson, EntryResult, ListEntry } from './types';

/** An entry with one usable word scans that word's persons when there are at most this many. */
export const SCAN_LIMIT = 1500;
/** At most this many candidates per entry. */
export const MAX_CANDIDATES = 5;

interface Scored {
  readonly person: number;
  readonly evaluation: Evaluation;
}

export class PersonIndex {
  private readonly persons: readonly CandidatePerson[];
  private readonly sides: Side[];
  private readonly lexicon = new Lexicon();
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly postings: number[][] = [];
  private readonly byDeletion = new Map<string, number[]>();
  private readonly letterIds = new Map<string, number>();
  private readonly letterKeys: string[] = [];
  private readonly letterPostings: number[][] = [];
  private readonly byLetterDeletion = new Map<string, number[]>();
  private readonly byGroup = new Map<number, number[]>();
  private readonly byBirth = new Map<string, number[]>();
  private readonly byService = new Map<string, number[]>();
  private readonly seen: Uint32Array;
  private readonly hitStamp: Uint32Array;
  private readonly lastWord: Float64Array;
  private readonly hits: Uint8Array;
  private stamp = 0;
  private scoredLast = 0;

  constructor(persons: readonly CandidatePerson[]) {
    this.persons = persons;
    this.sides = new Array<Side>(persons.length);
    this.seen = new Uint32Array(persons.length);
    this.hitStamp = new Uint32Array(persons.length);
    this.lastWord = new Float64Array(persons.length);
    this.hits = new Uint8Array(persons.length);
    persons.forEach((person, index) => {
      const side: Side = {
        name: this.lexicon.parse(person.fullName),
        birth: birthDate(person.dateOfBirth),
        service: serviceNumber(person.serviceNumber),
        kind: person.kind,
      };
      this.sides[index] = side;
      side.name.words.forEach((word, i) => {
        if (word.initial || i === side.name.patronymic) return;
        for (const key of word.keys) {
          const posting = this.postings[this.intern(key)]!;
          if (posting[posting.length - 1] !== index) posting.push(index);
        }
        for (const key of word.letters) {
          const posting = this.letterPostings[this.internLetters(key)]!;
          if (posting[posting.length - 1] !== index) posting.push(index);
        }
      });
      if (side.birth) push(this.byBirth, side.birth.text, index);
      if (side.service) push(this.byService, side.service.text, index);
    });
    this.keys.forEach((key, id) => {
      for (const shorter of deletions(key)) push(this.byDeletion, shorter, id);
      for (const group of givenNameGroupsOf(key)) push(this.byGroup, group, id);
    });
    this.letterKeys.forEach((key, id) => {
      for (const shorter of deletions(key)) push(this.byLetterDeletion, shorter, id);
    });
  }

  /** How many persons were indexed. */
  get size(): number {
    return this.persons.length;
  }

  /** How many persons the last `match` scored (the blocking's reach; for tests and the bench). */
  get lastScored(): number {
    return this.scoredLast;
  }

  private intern(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keyIds.set(key, id);
      this.keys.push(key);
      this.postings.push([]);
    }
    return id;
  }

  private internLetters(key: string): number {
    let id = this.letterIds.get(key);
    if (id === undefined) {
      id = this.letterKeys.length;
      this.letterIds.set(key, id);
      this.letterKeys.push(key);
      this.letterPostings.push([]);
    }
    return id;
  }

  /**
   * The persons' lists of the registry's words that are this word, its other national form, or
   * one edit from either: in the comparison key, or in the letter key (a typo that the comparison
   * key makes two edits, Володиир for Володимир).
   */
  private neighbours(word: Word): number[][] {
    const keys = new Set<number>();
    for (const key of word.keys) {
      const exact = this.keyIds.get(key);
      if (exact !== undefined) keys.add(exact);
      if (key.length < 3) continue;
      for (const shorter of deletions(key)) {
        for (const id of this.byDeletion.get(shorter) ?? []) {
          if (!keys.has(id) && limited(1, key, this.keys[id]!) <= 1) keys.add(id);
        }
      }
    }
    const groups = word.groups.length > 0 ? word.groups : word.keys.flatMap(givenNameGroupsNear);
    for (const group of groups) for (const id of this.byGroup.get(group) ?? []) keys.add(id);
    const letters = new Set<number>();
    for (const key of word.letters) {
      const exact = this.letterIds.get(key);
      if (exact !== undefined) letters.add(exact);
      if (key.length < 4) continue;
      for (const shorter of deletions(key)) {
        for (const id of this.byLetterDeletion.get(shorter) ?? []) {
          if (!letters.has(id) && limited(1, key, this.letterKeys[id]!) <= 1) letters.add(id);
        }
      }
    }
    return [...[...keys].map((id) => this.postings[id]!), ...[...letters].map((id) => this.letterPostings[id]!)];
  }

  /** A word that some person of the registry has, or a known given name. */
  private readonly isKnownWord = (word: Word): boolean =>
    word.groups.length > 0 || word.keys.some((key) => {
      const id = this.keyIds.get(key);
      return id !== undefined && this.postings[id]!.length > 0;
    });

  /**
   * The persons worth scoring: those that two of the entry's words find (each word with its
   * one-edit neighbours and other national forms), and those with the entry's date of birth or
   * service number. Anyone else has one word of the name in common at most, and scores below
   * POSSIBLE_SCORE. An entry with a single word (or a word and initials) scans that word's persons
   * when there are at most SCAN_LIMIT of them.
   */
  private candidates(entry: Side): number[] {
    const stamp = ++this.stamp;
    const out: number[] = [];
    const add = (person: number) => {
      if (this.seen[person] !== stamp) {
        this.seen[person] = stamp;
        out.push(person);
      }
    };
    // The patronymic too: the word taken for it may be a surname (Ivan Mykolaiovych Petrovych).
    const usable = entry.name.words.filter((word) => !word.initial);
    const lists = usable.map((word) => this.neighbours(word));
    if (lists.length >= 2) {
      // hits[p]: how many of the entry's words found p; lastWord[p]: the last word that did (a word counts once).
      const wordStamp = stamp * 8;
      lists.forEach((postings, w) => {
        for (const posting of postings) {
          for (const person of posting) {
            if (this.hitStamp[person] !== stamp) {
              this.hitStamp[person] = stamp;
              this.hits[person] = 1;
              this.lastWord[person] = wordStamp + w;
            } else if (this.lastWord[person] !== wordStamp + w) {
              this.lastWord[person] = wordStamp + w;
              if (++this.hits[person]! === 2) add(person);
            }
          }
        }
      });
    } else if (lists.length === 1) {
      const size = lists[0]!.reduce((sum, posting) => sum + posting.length, 0);
      if (size <= SCAN_LIMIT) for (const posting of lists[0]!) for (const person of posting) add(person);
    }
    if (entry.birth && entry.birth.parts.length === 3) for (const person of this.byBirth.get(entry.birth.text) ?? []) add(person);
    if (entry.service) for (const person of this.byService.get(entry.service.text) ?? []) add(person);
    return out;
  }

  match(entry: ListEntry): EntryResult {
    const side: Side = {
      name: this.lexicon.parse(entry.fullName),
      birth: birthDate(entry.dateOfBirth),
      service: serviceNumber(entry.serviceNumber),
      kind: entry.kind,
    };
    const cache = new Map<number, Map<number, WordComparison>>();
    const compare = (a: Word, b: Word): WordComparison => {
      let row = cache.get(a.id);
      if (!row) cache.set(a.id, (row = new Map()));
      let comparison = row.get(b.id);
      if (!comparison) row.set(b.id, (comparison = compareWords(a, b)));
      return comparison;
    };
    const scored: Scored[] = [];
    const candidates = this.candidates(side);
    this.scoredLast = candidates.length;
    for (const person of candidates) {
      const evaluation = evaluate(side, this.sides[person]!, compare, this.isKnownWord);
      if (evaluation.strong || evaluation.score >= POSSIBLE_SCORE) scored.push({ person, evaluation });
    }
    scored.sort((a, b) => b.evaluation.score - a.evaluation.score || a.person - b.person);

    const strong = scored
      .filter((item) => item.evaluation.strong)
      .sort((a, b) => b.evaluation.tier - a.evaluation.tier || a.evaluation.edits - b.evaluation.edits || b.evaluation.score - a.evaluation.score);
    const best = strong[0];
    const runnerUp = strong[1];
    // One person that would be the match, or one confirmed better than every other: by its service
    // number against persons without that, or by its date of birth and no more typos.
    const clear =
      best !== undefined &&
      (runnerUp === undefined ||
        (best.evaluation.tier === 2 && runnerUp.evaluation.tier < 2) ||
        (best.evaluation.tier > runnerUp.evaluation.tier && best.evaluation.edits <= runnerUp.evaluation.edits));

    const candidate = (item: Scored): Candidate => ({
      personId: this.persons[item.person]!.id,
      fullName: this.persons[item.person]!.fullName,
      score: item.evaluation.score,
      agreed: item.evaluation.agreed,
    });
    if (clear) {
      return {
        outcome: 'matched',
        match: { personId: this.persons[best.person]!.id, score: best.evaluation.score, agreed: best.evaluation.agreed },
        candidates: scored.filter((item) => item !== best).slice(0, MAX_CANDIDATES).map(candidate),
      };
    }
    // Every person that would have been the match comes first, then the rest by score.
    const listed = [...strong, ...scored.filter((item) => !item.evaluation.strong)].slice(0, MAX_CANDIDATES);
    listed.sort((a, b) => b.evaluation.score - a.evaluation.score || a.person - b.person);
    return { outcome: listed.length > 0 ? 'possible' : 'unknown', match: null, candidates: listed.map(candidate) };
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

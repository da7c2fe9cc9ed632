/**
 * Matching a counterpart's list against the registry's persons (API.md v2 "Reconciliation"): pure
 * code, no AWS, no I/O. Build one PersonIndex from the persons of the list's side, then match each
 * entry. How names are compared and how the score is made: docs/matching.md.
 */
export type { Agreed, Candidate, CandidatePerson, EntryResult, ListEntry } from './types';
export { MAX_CANDIDATES, PersonIndex, SCAN_LIMIT } from './person-index';
export { POSSIBLE_SCORE } from './score';
export { coarseKey, keyVariants } from './key';
export { latinOf, words } from './text';

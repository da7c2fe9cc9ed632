/**
 * Matching, the labelled set (test/fixtures/name-pairs.json): the committed file is what its
 * builder makes, and the matcher meets the targets on it. The bench prints the same
 * figures (bin/bench/matching.ts); this keeps a change to the rules from lowering them unseen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePairs, FOUND_RECALL_TARGET, loadPairs, MATCHED_RECALL_TARGET, PRECISION_TARGET } from '../../bin/bench/matching';
import { namePairsFile } from '../fixtures/build-name-pairs';

describe('the labelled set', () => {
  it('is the builder’s output (rebuild: npx tsx test/fixtures/build-name-pairs.ts)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'name-pairs.json'), 'utf8')).toBe(namePairsFile());
  });

  it('has at least 300 pairs of both kinds, with typos, swapped order, patronymics, shared surnames and near-homonyms', () => {
    const pairs = loadPairs();
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    const categories = new Set(pairs.map((pair) => pair.category));
    for (const category of ['typo', 'patronymic-one-side', 'near-homonym-surname', 'same-name-other-birth', 'sibling', 'latin-russian-system', 'latin-ukrainian-system']) {
      expect(categories).toContain(category);
    }
    expect(pairs.some((pair) => pair.note.includes('given-first'))).toBe(true);
    expect(pairs.filter((pair) => !pair.same).length).toBeGreaterThanOrEqual(100);
  });

  it(`meets the targets: precision of matched ≥ ${PRECISION_TARGET}, recall of matched ∪ possible ≥ ${FOUND_RECALL_TARGET}, of matched ≥ ${MATCHED_RECALL_TARGET}`, () => {
    const figures = evaluatePairs(loadPairs());
    expect(figures.precision).toBeGreaterThanOrEqual(PRECISION_TARGET);
    expect(figures.recallFound).toBeGreaterThanOrEqual(FOUND_RECALL_TARGET);
    expect(figures.recallMatched).toBeGreaterThanOrEqual(MATCHED_RECALL_TARGET);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeRound, roundInput, roundPatch, type RoundInput } from '../../lambdas/domain/round';
import { issuesToDetails } from '../../lambdas/domain/issues';
import type * as z from 'zod/mini';
import { validRound } from '../support/unit-events';

/** The bad fields' paths as the API would name them, or [] when the input is valid. */
function badPaths(input: unknown, schema: z.ZodMiniType = roundInput): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : issuesToDetails(result.error.issues).map((detail) => detail.path);
}

describe('round input: valid rounds', () => {
  it('accepts a full completed round', () => {
    expect(badPaths(validRound())).toEqual([]);
  });

  it('accepts a minimal planned round (date and status only)', () => {
    expect(badPaths({ date: '2025-07-01', status: 'planned' })).toEqual([]);
  });

  it('accepts null counts on any status', () => {
    expect(badPaths({ date: '2025-07-01', status: 'negotiating', returnedToUkraine: null, returnedToRussia: null })).toEqual([]);
    expect(badPaths(validRound({ returnedToUkraine: null }))).toEqual([]);
  });

  it('accepts a leap day on a leap year', () => {
    expect(badPaths(validRound({ date: '2024-02-29' }))).toEqual([]);
  });

  it('accepts one part of a count without the other', () => {
    expect(badPaths(validRound({ returnedToUkraine: { total: 10, military: 10 } }))).toEqual([]);
    expect(badPaths(validRound({ returnedToUkraine: { total: 10, civilians: 0 } }))).toEqual([]);
  });
});

describe('round input: counts only on completed rounds', () => {
  it.each(['planned', 'negotiating', 'postponed', 'cancelled'])('a count on a %s round is an error naming the field', (status) => {
    const paths = badPaths({ date: '2025-07-01', status, returnedToRussia: { total: 5 } });
    expect(paths).toEqual(['returnedToRussia']);
  });

  it('names both count fields when both are given on a planned round', () => {
    const paths = badPaths({ date: '2025-07-01', status: 'planned', returnedToUkraine: { total: 1 }, returnedToRussia: { total: 1 } });
    expect(paths.sort()).toEqual(['returnedToRussia', 'returnedToUkraine']);
  });
});

describe('round input: count arithmetic', () => {
  it('military + civilians must equal total', () => {
    expect(badPaths(validRound({ returnedToUkraine: { total: 100, military: 60, civilians: 30 } }))).toEqual(['returnedToUkraine.total']);
  });

  it('a part above the total names the part', () => {
    expect(badPaths(validRound({ returnedToRussia: { total: 5, military: 6 } }))).toContain('returnedToRussia.military');
    expect(badPaths(validRound({ returnedToRussia: { total: 5, civilians: 6 } }))).toContain('returnedToRussia.civilians');
  });

  it('rejects negative and fractional figures', () => {
    expect(badPaths(validRound({ returnedToUkraine: { total: -1 } }))).toEqual(['returnedToUkraine.total']);
    expect(badPaths(validRound({ returnedToUkraine: { total: 2.5 } }))).toEqual(['returnedToUkraine.total']);
    expect(badPaths(validRound({ returnedToUkraine: { total: '5' } }))).toEqual(['returnedToUkraine.total']);
  });

  it('rejects an unknown field inside a count, naming it', () => {
    expect(badPaths(validRound({ returnedToUkraine: { total: 5, wounded: 2 } }))).toEqual(['returnedToUkraine.wounded']);
  });
});

describe('round input: field rules', () => {
  it('rejects an impossible calendar date', () => {
    expect(badPaths(validRound({ date: '2025-02-30' }))).toEqual(['date']);
    expect(badPaths(validRound({ date: '2025-02-29' }))).toEqual(['date']);
    expect(badPaths(validRound({ date: '2025-13-01' }))).toEqual(['date']);
  });

  it('rejects dates that are not YYYY-MM-DD', () => {
    expect(badPaths(validRound({ date: '2025-6-9' }))).toEqual(['date']);
    expect(badPaths(validRound({ date: '2025-06-09T00:00:00Z' }))).toEqual(['date']);
  });

  it('requires date and status', () => {
    expect(badPaths({ status: 'planned' })).toEqual(['date']);
    expect(badPaths({ date: '2025-07-01' })).toEqual(['status']);
    expect(badPaths({ date: '2025-07-01', status: 'done' })).toEqual(['status']);
  });

  it('rejects duplicate categories and unknown categories', () => {
    expect(badPaths(validRound({ categories: ['women', 'women'] }))).toEqual(['categories']);
    expect(badPaths(validRound({ categories: ['women', 'pilots'] }))).toEqual(['categories.1']);
  });

  it('accepts only http and https source URLs', () => {
    expect(badPaths(validRound({ sources: [{ url: 'http://example.org/a' }] }))).toEqual([]);
    expect(badPaths(validRound({ sources: [{ url: 'ftp://example.org/a' }] }))).toEqual(['sources.0.url']);
    expect(badPaths(validRound({ sources: [{ url: 'javascript:alert(1)' }] }))).toEqual(['sources.0.url']);
    expect(badPaths(validRound({ sources: [{ url: 'not a url' }] }))).toEqual(['sources.0.url']);
  });

  it('rejects an unknown field in a source, naming it', () => {
    expect(badPaths(validRound({ sources: [{ url: 'https://a.org', author: 'x' }] }))).toEqual(['sources.0.author']);
  });

  it('rejects an unknown top-level field, naming it', () => {
    expect(badPaths(validRound({ exchangedBy: 'x' }))).toEqual(['exchangedBy']);
  });

  it('rejects server-set fields in input', () => {
    const paths = badPaths(validRound({ id: 'X', version: 1, createdAt: 'a', updatedAt: 'b' }));
    expect(paths.sort()).toEqual(['createdAt', 'id', 'updatedAt', 'version']);
  });

  it('stage is an integer of at least 1', () => {
    expect(badPaths(validRound({ stage: 1 }))).toEqual([]);
    expect(badPaths(validRound({ stage: 0 }))).toEqual(['stage']);
    expect(badPaths(validRound({ stage: 1.5 }))).toEqual(['stage']);
  });

  it('notes are at most 4000 characters', () => {
    expect(badPaths(validRound({ notes: 'x'.repeat(4000) }))).toEqual([]);
    expect(badPaths(validRound({ notes: 'x'.repeat(4001) }))).toEqual(['notes']);
  });

  it('agreement, mediator and location are at most 200 characters', () => {
    for (const field of ['agreement', 'mediator', 'location']) {
      expect(badPaths(validRound({ [field]: 'я'.repeat(200) }))).toEqual([]);
      expect(badPaths(validRound({ [field]: 'я'.repeat(201) }))).toEqual([field]);
    }
  });

  it('names every bad field at once', () => {
    const paths = badPaths(validRound({ stage: 0, notes: 'x'.repeat(4001), extra: true }));
    expect(paths.sort()).toEqual(['extra', 'notes', 'stage']);
  });
});

describe('normalizeRound', () => {
  it('turns absent counts into null', () => {
    const normalized = normalizeRound({ date: '2025-07-01', status: 'completed' });
    expect(normalized).toEqual({ date: '2025-07-01', status: 'completed', returnedToUkraine: null, returnedToRussia: null });
  });

  it('keeps given counts and other fields', () => {
    const input = roundInput.parse(validRound()) as RoundInput;
    const normalized = normalizeRound(input);
    expect(normalized.returnedToUkraine).toEqual({ total: 300, military: 280, civilians: 20 });
    expect(normalized.mediator).toBe('UAE');
  });
});

describe('round patch', () => {
  it('accepts a partial body and null on optional fields', () => {
    expect(badPaths({ notes: null, stage: null, returnedToUkraine: null }, roundPatch)).toEqual([]);
    expect(badPaths({}, roundPatch)).toEqual([]);
  });

  it('refuses to clear required fields', () => {
    expect(badPaths({ date: null }, roundPatch)).toEqual(['date']);
    expect(badPaths({ status: null }, roundPatch)).toEqual(['status']);
  });

  it('rejects unknown and server-set fields, naming them', () => {
    expect(badPaths({ version: 4, colour: 'red' }, roundPatch).sort()).toEqual(['colour', 'version']);
  });
});

describe('round input: source URLs', () => {
  it('accepts an https URL on an internationalised (Cyrillic) domain, and its punycode', () => {
    for (const url of ['https://мвд.рф/news/item/1', 'https://xn--b1aew.xn--p1ai/news/item/1']) {
      expect(roundInput.safeParse(validRound({ sources: [{ url }] })).success, url).toBe(true);
    }
  });

  it('still refuses other schemes', () => {
    expect(roundInput.safeParse(validRound({ sources: [{ url: 'ftp://example.org/x' }] })).success).toBe(false);
    expect(roundInput.safeParse(validRound({ sources: [{ url: 'javascript:alert(1)' }] })).success).toBe(false);
  });
});

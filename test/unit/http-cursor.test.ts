import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../lambdas/http/cursor';
import { ApiError } from '../../lambdas/http/api-error';
import { auditQuery, personsQuery, roundsQuery } from '../../lambdas/store/keys';

const completed2024 = roundsQuery({ status: 'completed', from: '2024-01-01', to: '2024-12-31' });
const key = {
  PK: 'ROUND#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ',
  SK: 'ROUND',
  GSI2PK: 'ROUNDS#STATUS#completed',
  GSI2SK: '2024-05-01#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ',
};

function expectInvalidCursor(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ApiError);
  expect(caught).toMatchObject({ status: 400, code: 'invalid_cursor' });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursor', () => {
  it('round-trips the key it was made from', () => {
    const cursor = encodeCursor(key, completed2024)!;
    expect(typeof cursor).toBe('string');
    expect(decodeCursor(cursor, completed2024)).toEqual(key);
  });

  it('is null without a last key, and no cursor decodes to no start key', () => {
    expect(encodeCursor(undefined, completed2024)).toBeNull();
    expect(decodeCursor(undefined, completed2024)).toBeUndefined();
  });

  it('is opaque: it does not show the table keys in clear text', () => {
    const cursor = encodeCursor(key, completed2024)!;
    expect(cursor).not.toContain('ROUND#');
    expect(cursor).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('refuses a cursor whose payload was edited', () => {
    const cursor = encodeCursor(key, completed2024)!;
    const [, sum] = cursor.split('.');
    const edited = `${b64({ ...key, GSI2SK: '2024-01-01#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ' })}.${sum}`;
    expectInvalidCursor(() => decodeCursor(edited, completed2024));
  });

  it('refuses a cursor whose checksum was edited or cut', () => {
    const cursor = encodeCursor(key, completed2024)!;
    const last = cursor.at(-1) === 'A' ? 'B' : 'A';
    expectInvalidCursor(() => decodeCursor(cursor.slice(0, -1) + last, completed2024));
    expectInvalidCursor(() => decodeCursor(cursor.slice(0, -3), completed2024));
    expectInvalidCursor(() => decodeCursor(cursor.split('.')[0], completed2024));
  });

  it.each(['garbage', '', '.', 'a.b.c', '%%%.###', 'eyJ9.abc', `${encodeURIComponent('{"PK":"x"}')}.x`])(
    'refuses garbage %j',
    (garbage) => {
      expectInvalidCursor(() => decodeCursor(garbage, completed2024));
    },
  );

  it('refuses a cursor issued for another status', () => {
    const cursor = encodeCursor(key, completed2024)!;
    const planned2024 = roundsQuery({ status: 'planned', from: '2024-01-01', to: '2024-12-31' });
    expectInvalidCursor(() => decodeCursor(cursor, planned2024));
  });

  it('refuses a cursor issued for another date range or for the unfiltered list', () => {
    const cursor = encodeCursor(key, completed2024)!;
    expectInvalidCursor(() => decodeCursor(cursor, roundsQuery({ status: 'completed', from: '2023-01-01', to: '2023-12-31' })));
    expectInvalidCursor(() => decodeCursor(cursor, roundsQuery({ status: 'completed' })));
    const allKey = { PK: key.PK, SK: key.SK, GSI1PK: 'ROUNDS', GSI1SK: key.GSI2SK };
    const allCursor = encodeCursor(allKey, roundsQuery({}))!;
    expectInvalidCursor(() => decodeCursor(allCursor, completed2024));
  });

  it('accepts the same query built again (cursors survive between requests)', () => {
    const cursor = encodeCursor(key, completed2024)!;
    const again = roundsQuery({ status: 'completed', from: '2024-01-01', to: '2024-12-31' });
    expect(decodeCursor(cursor, again)).toEqual(key);
  });

  it('refuses a well-signed cursor whose key has the wrong attributes', () => {
    // Signed with the query's own fingerprint: only the key shape check can catch it.
    const signed = (value: unknown) => encodeCursor(value as Record<string, string>, completed2024)!;
    expectInvalidCursor(() => decodeCursor(signed({ PK: key.PK, SK: key.SK }), completed2024));
    expectInvalidCursor(() => decodeCursor(signed({ ...key, extra: 'x' }), completed2024));
    expectInvalidCursor(() => decodeCursor(signed({ ...key, GSI2PK: 'ROUNDS#STATUS#planned' }), completed2024));
    expectInvalidCursor(() => decodeCursor(signed({ ...key, SK: 5 }), completed2024));
  });

  it('refuses a hand-made key outside the query’s date range (DynamoDB would refuse the Query)', () => {
    const signed = (value: unknown) => encodeCursor(value as Record<string, string>, completed2024)!;
    expectInvalidCursor(() => decodeCursor(signed({ ...key, GSI2SK: '2023-12-31#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ' }), completed2024));
    expectInvalidCursor(() => decodeCursor(signed({ ...key, GSI2SK: '2025-01-01#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ' }), completed2024));
    expect(decodeCursor(signed(key), completed2024)).toEqual(key);
  });

  describe('a forged cursor, checksum computed as the API computes it (the checksum is not a secret)', () => {
    const all = roundsQuery({});
    const allKey = { PK: key.PK, SK: key.SK, GSI1PK: 'ROUNDS', GSI1SK: key.GSI2SK };
    const forged = (value: Record<string, string>, query = all) => encodeCursor(value, query)!;

    it.each([
      ['an empty PK', { ...allKey, PK: '' }],
      ['an empty index sort key', { ...allKey, GSI1SK: '' }],
      ['an empty SK', { ...allKey, SK: '' }],
      ['another entity’s partition', { ...allKey, PK: 'PERSON#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ' }],
      ['another entity’s sort key', { ...allKey, SK: 'PERSON' }],
      ['an id that is no ULID', { ...allKey, PK: 'ROUND#not-an-id' }],
      ['a sort key over DynamoDB’s 1,024 bytes', { ...allKey, GSI1SK: `2024-05-01#${'A'.repeat(1100)}` }],
      ['a date that is no date', { ...allKey, GSI1SK: '2024-5-1#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ' }],
      ['a trailing newline', { ...allKey, GSI1SK: `${key.GSI2SK}\n` }],
    ])('with %s is invalid_cursor', (_name, value) => {
      expectInvalidCursor(() => decodeCursor(forged(value), all));
    });

    it('a persons category list takes only that category’s companion items', () => {
      const inCategory = personsQuery({ category: 'wounded' });
      const companion = {
        PK: 'PERSON#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ',
        SK: 'CATEGORY#wounded',
        GSI1PK: 'PERSONS#CATEGORY#wounded',
        GSI1SK: '2025-06-01T10:00:00.000Z#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ',
      };
      expect(decodeCursor(forged(companion, inCategory), inCategory)).toEqual(companion);
      expectInvalidCursor(() => decodeCursor(forged({ ...companion, SK: 'CATEGORY#civilian' }, inCategory), inCategory));
      expectInvalidCursor(() => decodeCursor(forged({ ...companion, SK: 'PERSON' }, inCategory), inCategory));
      expectInvalidCursor(() => decodeCursor(forged({ ...companion, GSI1SK: '2025-06-01#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ' }, inCategory), inCategory));
    });

    it('an audit trail takes only version sort keys of that record’s partition', () => {
      const trail = auditQuery('rounds', '01JZ8Y3K4N5P6Q7R8S9T0VWXYZ');
      const position = { PK: 'AUDIT#rounds#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ', SK: 'V#0000000003' };
      expect(decodeCursor(forged(position, trail), trail)).toEqual(position);
      expectInvalidCursor(() => decodeCursor(forged({ ...position, SK: '' }, trail), trail));
      expectInvalidCursor(() => decodeCursor(forged({ ...position, SK: 'V#3' }, trail), trail));
      expectInvalidCursor(() => decodeCursor(forged({ ...position, PK: 'AUDIT#persons#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ' }, trail), trail));
    });
  });
});

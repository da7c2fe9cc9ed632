import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../lambdas/http/cursor';
import { ApiError } from '../../lambdas/http/api-error';
import { roundsQuery } from '../../lambdas/store/keys';

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
});

import { describe, expect, it } from 'vitest';
import { authorize, callerOf, groupsFromClaim, roleFromGroups } from '../../lambdas/http/auth';
import { etagOf, parseIfMatch } from '../../lambdas/http/etag';
import { idempotencyKeyOf } from '../../lambdas/http/idempotency';
import { canonicalJson } from '../../lambdas/service/idempotent-create';
import { ApiError } from '../../lambdas/http/api-error';
import { claimsFor, restEvent } from '../support/unit-events';

describe('groupsFromClaim reads the REST authorizer\'s form', () => {
  it('one group: the plain name', () => {
    expect(groupsFromClaim('viewers')).toEqual(['viewers']);
  });

  it('several groups: the names joined with commas, in any order', () => {
    expect(groupsFromClaim('editors,admins')).toEqual(['editors', 'admins']);
    expect(groupsFromClaim('admins,other-team,viewers')).toEqual(['admins', 'other-team', 'viewers']);
  });

  it('names in any script, as Cognito allows', () => {
    expect(groupsFromClaim('équipe,viewers')).toEqual(['équipe', 'viewers']);
  });
});

describe('groupsFromClaim reads nothing else', () => {
  it.each([
    ['no claim', undefined],
    ['an empty claim', ''],
    ['a number', 42],
    ['a boolean', true],
    ['an object', { admins: true }],
    ['an array, which a REST authorizer never passes', ['admins']],
    ['a nested array', [['admins']]],
    ['an array with a padded name', [' admins ']],
    ['an array element with a comma', ['viewers,admins']],
    ['a padded name', ' admins '],
    ['a space after the comma', 'viewers, admins'],
    ['an empty name', 'viewers,,admins'],
    ['a trailing comma', 'admins,'],
    ['a leading comma', ',admins'],
    ['the HTTP API\'s bracketed form', '[viewers admins]'],
    ['a control character', 'admins\u0000'],
  ])('%s', (_, claim) => {
    expect(groupsFromClaim(claim)).toEqual([]);
  });

  it('a bracketed single name is a name that matches no group', () => {
    expect(roleFromGroups(groupsFromClaim('[admins]'))).toBe('public');
  });
});

describe('roleFromGroups', () => {
  it('maps each group to its role', () => {
    expect(roleFromGroups(['viewers'])).toBe('viewer');
    expect(roleFromGroups(['editors'])).toBe('editor');
    expect(roleFromGroups(['admins'])).toBe('admin');
  });

  it('takes the highest role whatever the order', () => {
    expect(roleFromGroups(['admins', 'viewers'])).toBe('admin');
    expect(roleFromGroups(['viewers', 'editors'])).toBe('editor');
    expect(roleFromGroups(['editors', 'admins', 'viewers'])).toBe('admin');
  });

  it('is public for no or unknown groups, and matches names exactly', () => {
    expect(roleFromGroups([])).toBe('public');
    expect(roleFromGroups(['Admins', 'admin', 'superusers'])).toBe('public');
  });
});

describe('authorize', () => {
  const withRole = (role: Parameters<typeof claimsFor>[0]) => restEvent({ method: 'POST', resource: '/rounds', role });

  it('lets anyone through a public route, ignoring claims', () => {
    expect(authorize(withRole('anonymous'), 'public')).toEqual({ subject: 'anonymous', role: 'public' });
    expect(authorize(withRole('admin'), 'public').role).toBe('public');
  });

  it('is 401 without claims or without a subject', () => {
    expect(() => authorize(withRole('anonymous'), 'viewer')).toThrow(expect.objectContaining({ status: 401, code: 'unauthorized' }));
    const noSub = restEvent({ method: 'POST', resource: '/rounds', claims: { 'cognito:groups': 'admins' } });
    expect(() => authorize(noSub, 'viewer')).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('is 403 when the role is too low', () => {
    expect(() => authorize(withRole('nogroup'), 'viewer')).toThrow(expect.objectContaining({ status: 403, code: 'forbidden' }));
    expect(() => authorize(withRole('viewer'), 'editor')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => authorize(withRole('editor'), 'admin')).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('lets higher roles through lower routes (roles nest)', () => {
    expect(authorize(withRole('admin'), 'viewer')).toEqual({ subject: 'user-admin', role: 'admin' });
    expect(authorize(withRole('admin'), 'editor').role).toBe('admin');
    expect(authorize(withRole('editor'), 'editor').role).toBe('editor');
  });

  it.each([
    [[['admins']]],
    [[' admins ']],
    [['viewers,admins']],
    [' admins '],
    ['[viewers admins]'],
    [7],
  ])('a subject with the malformed groups claim %j has no role: 403 on a viewer route', (groups) => {
    const claims = { sub: 's-1', 'cognito:groups': groups } as unknown as Record<string, string>;
    const event = restEvent({ method: 'GET', resource: '/persons', claims });
    expect(callerOf(event)).toEqual({ subject: 's-1', role: 'public' });
    expect(() => authorize(event, 'viewer')).toThrow(expect.objectContaining({ status: 403, code: 'forbidden' }));
  });

  it('is 401 with an empty subject', () => {
    const event = restEvent({ method: 'GET', resource: '/persons', claims: { sub: '', 'cognito:groups': 'admins' } });
    expect(() => authorize(event, 'viewer')).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('reads the caller from a comma-separated groups claim', () => {
    const event = restEvent({ method: 'POST', resource: '/rounds', claims: { sub: 's-1', 'cognito:groups': 'viewers,admins' } });
    expect(callerOf(event)).toEqual({ subject: 's-1', role: 'admin' });
  });
});

describe('ETag and If-Match', () => {
  it('an ETag is the quoted version', () => {
    expect(etagOf(3)).toBe('"3"');
  });

  it('no header means no test', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each([
    ['"3"', [3], [2, 4, 33]],
    ['W/"3"', [3], [2]],
    ['"2", "3"', [2, 3], [1, 4]],
    ['"2",W/"5"', [2, 5], [3]],
    ['3', [3], [30]],
    ['*', [1, 3, 999], []],
    ['"1", *', [7], []],
  ])('If-Match %s matches %j and not %j', (headerValue, yes, no) => {
    const test = parseIfMatch(headerValue)!;
    for (const version of yes) expect(test(version)).toBe(true);
    for (const version of no) expect(test(version)).toBe(false);
  });

  it('an empty or junk If-Match matches no version', () => {
    expect(parseIfMatch('')!(1)).toBe(false);
    expect(parseIfMatch('"abc"')!(1)).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { date: '2025-01-01', status: 'completed', returnedToUkraine: { total: 5, military: 5 }, sources: [{ url: 'u', publisher: 'p' }] };
    const b = { sources: [{ publisher: 'p', url: 'u' }], returnedToUkraine: { military: 5, total: 5 }, status: 'completed', date: '2025-01-01' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('keeps array order and distinguishes values', () => {
    expect(canonicalJson(['a', 'b'])).not.toBe(canonicalJson(['b', 'a']));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it('is valid JSON equal to its input', () => {
    const value = { z: [1, { y: 'я', x: null }], a: true };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('cannot be confused by keys that look like JSON', () => {
    expect(canonicalJson({ 'a":1,"b': 2 })).not.toBe(canonicalJson({ a: 1, b: 2 }));
  });
});

describe('idempotencyKeyOf', () => {
  it('reads the lower-cased header', () => {
    expect(idempotencyKeyOf({ 'idempotency-key': 'k-1' })).toBe('k-1');
    expect(idempotencyKeyOf({})).toBeUndefined();
  });

  it('accepts 1..128 characters and refuses others with validation_failed', () => {
    expect(idempotencyKeyOf({ 'idempotency-key': 'x'.repeat(128) })).toHaveLength(128);
    for (const bad of ['', 'x'.repeat(129)]) {
      expect(() => idempotencyKeyOf({ 'idempotency-key': bad })).toThrow(ApiError);
      expect(() => idempotencyKeyOf({ 'idempotency-key': bad })).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });
});

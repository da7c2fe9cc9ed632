/** Matching, the other fields: what a date of birth or a service number says. */
import { describe, expect, it } from 'vitest';
import { birthDate, compareBirthDates, compareServiceNumbers, serviceNumber } from '../../lambdas/domain/matching/fields';

const dates = (a: string | undefined, b: string | undefined) => compareBirthDates(birthDate(a), birthDate(b));
const numbers = (a: string | undefined, b: string | undefined) => compareServiceNumbers(serviceNumber(a), serviceNumber(b));

describe('date of birth', () => {
  it('equal agrees; absent on either side says nothing', () => {
    expect(dates('1990-03-04', '1990-03-04')).toBe('agree');
    expect(dates('1990-03-04', undefined)).toBe('unknown');
    expect(dates(undefined, undefined)).toBe('unknown');
    expect(dates('not a date', '1990-03-04')).toBe('unknown');
  });

  it('the errors lists make (day and month swapped, one digit of one part) are near: still a disagreement', () => {
    expect(dates('1990-03-04', '1990-04-03')).toBe('near');
    expect(dates('1990-03-04', '1991-03-04')).toBe('near');
    expect(dates('1990-03-04', '1990-03-14')).toBe('near');
    expect(dates('1990-03-04', '1985-11-20')).toBe('disagree');
    expect(dates('1990-03-04', '1990-05-06')).toBe('disagree');
  });

  it('a year (or a year and month) consistent with the full date neither confirms nor vetoes; inconsistent disagrees', () => {
    expect(dates('1990', '1990-03-04')).toBe('unknown');
    expect(dates('1990-03', '1990-03-04')).toBe('unknown');
    expect(dates('1991', '1990-03-04')).toBe('disagree');
  });
});

describe('service number', () => {
  it('upper case, Cyrillic look-alikes as Latin, only letters and digits', () => {
    expect(serviceNumber(' ав-123 456 ')!.text).toBe('AB123456');
    expect(serviceNumber('№ 1234567890')!.text).toBe('1234567890');
    expect(serviceNumber('  ')).toBeNull();
  });

  it('equal agrees, however written; the same six digits or more with the letters transliterated agree; else disagrees', () => {
    expect(numbers('АВ 123456', 'AB-123456')).toBe('agree');
    expect(numbers('АВ 123456', 'AV 123456')).toBe('agree');
    expect(numbers('АВ 123456', 'АВ 123457')).toBe('disagree');
    expect(numbers('А 12345', 'B 12345')).toBe('disagree');
    expect(numbers('АВ 123456', undefined)).toBe('unknown');
  });
});

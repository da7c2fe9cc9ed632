/** Date of birth and service number: what agrees, what disagrees, what says nothing. */

export type Relation = 'agree' | 'disagree' | 'near' | 'unknown';

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A date of birth as year, month, day (month and day may be missing); null when absent or not a date. */
export interface BirthDate {
  readonly text: string;
  readonly parts: readonly string[];
}

export function birthDate(value: string | undefined | null): BirthDate | null {
  const match = value ? DATE.exec(value.trim()) : null;
  if (!match) return null;
  const parts = match.slice(1).filter((part): part is string => part !== undefined);
  return { text: parts.join('-'), parts };
}

const oneDigitApart = (a: string, b: string) => a.length === b.length && [...a].filter((char, i) => char !== b[i]).length === 1;

/**
 * Equal → agree. Both full and one part off (one digit of the year, the month or the day) or day
 * and month swapped → near: still a disagreement, but the kind a list gets wrong. A partial date
 * (year, or year and month) consistent with the other → unknown (it neither confirms nor vetoes).
 */
export function compareBirthDates(a: BirthDate | null, b: BirthDate | null): Relation {
  if (!a || !b) return 'unknown';
  if (a.text === b.text) return 'agree';
  const common = Math.min(a.parts.length, b.parts.length);
  if (common < 3) return a.parts.slice(0, common).join('-') === b.parts.slice(0, common).join('-') ? 'unknown' : 'disagree';
  const [ay, am, ad] = a.parts as [string, string, string];
  const [by, bm, bd] = b.parts as [string, string, string];
  if (ay === by && am === bd && ad === bm) return 'near';
  const differing = [ay !== by, am !== bm, ad !== bd].filter(Boolean).length;
  if (differing === 1 && (oneDigitApart(ay, by) || oneDigitApart(am, bm) || oneDigitApart(ad, bd))) return 'near';
  return 'disagree';
}

/** Cyrillic letters that service numbers borrow as Latin look-alikes (АВ 123456 = AB 123456). */
const serviceLookAlikes: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', Є: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ї: 'I',
};

export interface ServiceNumber {
  /** Upper case, Cyrillic look-alikes as Latin, nothing but letters and digits. */
  readonly text: string;
  readonly digits: string;
}

export function serviceNumber(value: string | undefined | null): ServiceNumber | null {
  if (!value) return null;
  const text = value
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\u0400-\u04ff]/g, (char) => serviceLookAlikes[char] ?? char)
    .replace(/[^\p{L}\p{N}]/gu, '');
  if (!text) return null;
  return { text, digits: text.replace(/\D/g, '') };
}

/**
 * Equal (after normalisation) → agree; the same digits, at least six of them, with the letters
 * written another way (АВ → AV) → agree; anything else → disagree.
 */
export function compareServiceNumbers(a: ServiceNumber | null, b: ServiceNumber | null): Relation {
  if (!a || !b) return 'unknown';
  if (a.text === b.text) return 'agree';
  if (a.digits.length >= 6 && a.digits === b.digits) return 'agree';
  return 'disagree';
}

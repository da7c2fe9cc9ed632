import { randomBytes } from 'node:crypto';

/** Crockford base32, as ULID uses: ids sort by creation time and read unambiguously. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const idPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A ULID: 48 bits of milliseconds then 80 random bits, 26 characters. */
export function newId(now = Date.now()): string {
  let time = '';
  let ms = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  const random = randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += alphabet[random[i]! % 32];
  return time + tail;
}

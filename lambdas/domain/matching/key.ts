/**
 * The comparison key of a word: its Latin letters (text.ts) with the differences between the
 * transliteration systems, and between the Ukrainian and the Russian form of one name, collapsed.
 * Written by hand: no library we found has such a key. Phonetic keys (Soundex, Daitch–Mokotoff,
 * Double Metaphone in `talisman`) drop vowels or keep English rules; they do not know that Ukrainian
 * h is Russian g, or that Serhii, Sergei, Sergey and Sergiy are one spelling apart in four systems.
 *
 * The key's letters: a o u, E (a word's initial e, ye, ie, je: Євген, Евгений, Yevhen, Evgeniy),
 * I (every other e, i, y, j, and their runs: ii, iy, yi, ei, ey, ej, ie, ye, ia→Ia…), H (g, h, kh,
 * gh: Ukrainian г is h, Russian г is g, х is kh or h in GOST), Ž (zh, ž), Č (ch, tch, č), Š (sh),
 * ŠČ (shch, shh, sch, ŝ), C (ts, tz, tc, cz, c: ц; tc is GOST R 52535's), ks (x), v (w), f (ph),
 * k (q, ck), and the other consonants as they are. Doubled letters count once (Кирилл / Кирило keep their last vowel apart,
 * the given-name table pairs those). A Russian feminine adjectival ending -ская / -цкая / -ная
 * becomes the Ukrainian -ська / -цька / -на.
 *
 * What stays apart on purpose: the word's initial e and i (Ігор and Єгор are two names), a, o and
 * u (Петрик / Петрук), every consonant class from the others, and a surname's final Ukrainian -ів
 * (Ï) from the Russian -ев (Ковалів / Ковалев).
 */

const INITIAL_E = /^[yij]?e/;
const UNITS = /shch|shh|sch|tch|zh|kh|gh|ch|sh|ts|tz|tc|cz|ph|ck|[a-z]/g;

const unit: Readonly<Record<string, string>> = {
  shch: 'ŠČ', shh: 'ŠČ', sch: 'ŠČ', tch: 'Č', ch: 'Č', zh: 'Ž', kh: 'H', gh: 'H', sh: 'Š',
  ts: 'C', tz: 'C', tc: 'C', cz: 'C', ph: 'f', ck: 'k',
  g: 'H', h: 'H', c: 'C', x: 'ks', w: 'v', q: 'k', e: 'I', i: 'I', y: 'I', j: 'I',
};

/** Doubled letters once. */
export const collapse = (key: string) => key.replace(/(.)\1+/g, '$1');

/** The primary key of a word already in Latin letters (a-z). */
export function coarseKey(latin: string): string {
  let rest = latin;
  let key = '';
  if (INITIAL_E.test(rest)) {
    key = 'E';
    rest = rest.replace(INITIAL_E, '');
  }
  // The Ukrainian surname suffix -ів (Ковалів, Іванів) is not the Russian -ев (Ковалев): Ï.
  const ukrainianIv = /[^aeiouy]iv$/.test(rest);
  key += rest.replace(UNITS, (letters) => unit[letters] ?? letters);
  key = collapse(key).replace(/([kn])aIa$/, '$1a');
  return ukrainianIv ? key.replace(/Iv$/, 'Ïv') : key;
}

/**
 * The primary key and the keys of the other readings of the same letters, when a system's choice
 * hides what the word was:
 * - ё, which Russian writes as е and the systems as e, yo, io or ye, and Ukrainian as ьо/йо:
 *   Io also read as I and as o (Fyodor / Fedor, Solovyov / Solovev / Soloviov);
 * - a surname's final -ев, which is often -ёв: -ev also read as -ov (Kovalev / Kovalyov / Ковальов);
 * - a Russian adjectival -ой beside the Ukrainian -ий: oI also read as I (Бережной / Бережний);
 * - the Ukrainian чо, шо, жо where Russian writes че, ше, же: Čo also read as ČI (Чорний / Черный);
 * - x, which is kh in GOST 7.79 System B and ks in English (Xrushhyov, Maxim);
 * - c before a back vowel or a consonant, which is k in English spellings (Victor, Nicolai).
 */
export function keyVariants(latin: string): string[] {
  const readings = [latin];
  if (latin.includes('x')) readings.push(latin.replace(/x/g, 'kh'));
  if (/c(?![hzkeiy])/.test(latin)) readings.push(latin.replace(/c(?![hzkeiy])/g, 'k'));
  const keys = new Set<string>();
  for (const reading of readings) {
    const primary = coarseKey(reading);
    keys.add(primary);
    if (primary.includes('Io')) {
      keys.add(collapse(primary.replace(/Io/g, 'I')));
      keys.add(collapse(primary.replace(/Io/g, 'o')));
    }
    if (reading.endsWith('ev') && primary.endsWith('Iv')) keys.add(`${primary.slice(0, -2)}ov`);
    if (/[ČŠŽ]o/.test(primary)) keys.add(primary.replace(/([ČŠŽ])o/g, '$1I'));
    if (primary.length > 3 && primary.endsWith('oI')) keys.add(`${primary.slice(0, -2)}I`);
  }
  return [...keys];
}

const letter: Readonly<Record<string, string>> = { e: 'I', i: 'I', y: 'I', j: 'I', g: 'H', h: 'H', w: 'v', x: 'ks', q: 'k' };

/**
 * A finer key for counting typos: letter by letter, no digraphs, nothing collapsed, no initial E.
 * A typo inside a digraph (Timoshchuk → Timoshcyhuk), between two letters that the coarse key
 * merges (Зотов → Зоов, Vladimir → Vladiir) or at the first letter (Sergey → Ergey) is one edit
 * here and two in the coarse key.
 */
export function letterKey(latin: string): string {
  return latin.replace(/[a-z]/g, (char) => letter[char] ?? char);
}

const cyrillicClass: Readonly<Record<string, string>> = {
  е: 'и', є: 'и', э: 'и', і: 'и', ї: 'и', й: 'и', ы: 'и', ё: 'и', ґ: 'г', х: 'г', ъ: '', ь: '',
};

/**
 * For two Cyrillic spellings, the typo counted in Cyrillic letters: a typo in я, ю, щ, х, ж… is one
 * letter there and two or more in Latin (Филипячук for Філіпчук, Юондаренко for Бондаренко).
 * The vowels е є э и і ї й ы are one letter, г ґ х another; ь and ъ are dropped; nothing collapsed
 * (Михеев → Миеев is one edit). Null for Latin.
 */
export function cyrillicKey(word: string): string | null {
  if (!/^[\u0400-\u04ff]+$/.test(word)) return null;
  return word.replace(/[еєэіїйыёґхъь]/g, (char) => cyrillicClass[char] ?? char);
}

/** A key and every string one letter shorter: two keys within one edit share one of these. */
export function deletions(key: string): string[] {
  const out = [key];
  for (let i = 0; i < key.length; i++) {
    const shorter = key.slice(0, i) + key.slice(i + 1);
    if (shorter !== out[out.length - 1]) out.push(shorter);
  }
  return out;
}

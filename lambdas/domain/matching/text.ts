/**
 * From a written name to Latin letters: Unicode NFC, case, apostrophes, ё/е, separators, letters
 * of the other script mixed in, and Cyrillic transliterated with the libraries that implement the
 * official systems:
 *
 * - Ukrainian (a word with і, ї, є or ґ): `cyrillic-to-translit-js`, preset `uk`,
 *   which is the national system of 2010 (Cabinet of Ministers resolution 55) letter for letter:
 *   г→h, ґ→g, и→y, і→i, є/ї/й/ю/я → ye/yi/y/yu/ya at the start of a word and ie/i/i/iu/ia
 *   elsewhere, зг→zgh, ь and the apostrophe dropped (checked in test/unit/matching-text.test.ts).
 *   Its `ru` preset is no standard (ы→i), so it is not used for Russian.
 * - Any other Cyrillic word: `iuliia`, schema ICAO Doc 9303 (Russian passports since 2013).
 *   iuliia has no Ukrainian schema; whatever Cyrillic the first step leaves (ы, э, ъ in a word
 *   that also has Ukrainian letters) goes through ICAO as well.
 *
 * Latin written in the other systems (MVD 310 and 782, GOST 7.79 with or without diacritics,
 * BGN/PCGN, ISO 9, conventional English) is not converted back: the comparison key (key.ts)
 * collapses the systems' differences instead.
 */
import cyrillicToTranslit from 'cyrillic-to-translit-js';
import { ICAO_DOC_9303, translate } from 'iuliia';

const ukrainian = cyrillicToTranslit({ preset: 'uk' });

/** ' ’ ʼ ‘ ` ´ ′ ʹ ʺ ʻ " “ ” «»: apostrophes and the signs some systems write for ь and ъ. */
const APOSTROPHES = /['’ʼ‘`´′ʹʺʻ"“”«»]/g;
/** What separates the parts of a name: spaces, hyphens and dashes, dots, commas, slashes, brackets. */
const SEPARATORS = /[\s\-‐‑‒–—―_.,;:/\\()[\]{}|+*#№0-9]+/u;

const CYRILLIC = /[\u0400-\u04ff]/;
const CYRILLIC_ALL = /[\u0400-\u04ff]/g;
const LATIN = /[a-z\u00c0-\u024f]/;
const UKRAINIAN_ONLY = /[іїєґ]/;

/** Latin letters that look like Cyrillic ones, for a mostly Cyrillic word typed with a few Latin keys. */
const latinLookAlikes: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
};
/** Cyrillic letters that look like Latin ones, for a mostly Latin word (and iuliia's BGN ё). */
const cyrillicLookAlikes: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i',
};

/**
 * Latin letters with diacritics that stand for a digraph in the systems that use them (GOST 7.79
 * System A, ISO 9, scholarly): č š ž ŝ û â ê. The rest lose their marks (ï ĭ è ì ë ǵ and the tie of i͡a).
 */
const latinDigraphs: Readonly<Record<string, string>> = {
  č: 'ch', š: 'sh', ž: 'zh', ŝ: 'shch', û: 'yu', â: 'ya', ê: 'ye', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o',
};
const LATIN_DIGRAPHS = /[čšžŝûâêłßæœø]/g;

/** NFC, lower case, apostrophes removed, split into words. */
export function words(fullName: string): string[] {
  return fullName
    .normalize('NFC')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .split(SEPARATORS)
    .map((word) => word.replace(/[^\p{L}\p{M}]/gu, ''))
    .filter((word) => word.length > 0);
}

function repairMixedScript(word: string): string {
  let cyrillic = 0;
  let latin = 0;
  for (const char of word) {
    if (CYRILLIC.test(char)) cyrillic++;
    else if (LATIN.test(char)) latin++;
  }
  if (cyrillic === 0 || latin === 0) return word;
  if (cyrillic >= latin) return word.replace(/[a-z]/g, (char) => latinLookAlikes[char] ?? char);
  return word.replace(CYRILLIC_ALL, (char) => cyrillicLookAlikes[char] ?? char);
}

function foldLatin(word: string): string {
  return word
    .replace(LATIN_DIGRAPHS, (char) => latinDigraphs[char] ?? char)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]/g, '');
}

/** One word (from `words`) in Latin letters: Cyrillic transliterated, Latin folded to a-z. */
export function latinOf(word: string): string {
  let text = repairMixedScript(word);
  if (CYRILLIC.test(text)) {
    text = text.replace(/ё/g, 'е');
    if (UKRAINIAN_ONLY.test(text)) text = ukrainian.transform(text);
    if (CYRILLIC.test(text)) text = translate(text, ICAO_DOC_9303);
  }
  return foldLatin(text);
}

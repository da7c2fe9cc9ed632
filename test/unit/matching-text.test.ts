/**
 * Matching, the written name: normalisation, transliteration (the libraries' systems as the
 * matcher uses them) and the comparison key that collapses the systems' differences.
 */
import { describe, expect, it } from 'vitest';
import * as iuliia from 'iuliia';
import cyrillicToTranslit from 'cyrillic-to-translit-js';
import { coarseKey, keyVariants, latinOf, words } from '../../lambdas/domain/matching';

const keysOf = (word: string) => keyVariants(latinOf(words(word).join('')));
/** Two spellings of one word share a key. */
const sameKey = (a: string, b: string) => keysOf(a).some((key) => keysOf(b).includes(key));

describe('normalisation', () => {
  it('lower case, Unicode NFC: a decomposed й and ї are the letters themselves', () => {
    expect(words('СЕРГІЙ')).toEqual(['сергій']);
    expect(words('Сергій'.normalize('NFD'))).toEqual(['сергій']);
    expect(words('Їжакевич'.normalize('NFD'))).toEqual(['їжакевич']);
  });

  it("apostrophes ' ’ ʼ ` and none are one spelling", () => {
    const forms = ["Мар'яна", 'Мар’яна', 'Марʼяна', 'Мар`яна', 'Маряна'];
    for (const form of forms) expect(words(form)).toEqual(['маряна']);
    expect(sameKey("Solov'ev", 'Solovev')).toBe(true);
  });

  it('hyphens, dashes and runs of spaces separate words; dots and commas too', () => {
    expect(words('  Петренко-Іваненко   Ольга ')).toEqual(['петренко', 'іваненко', 'ольга']);
    expect(words('Петренко – Іваненко, Ольга')).toEqual(['петренко', 'іваненко', 'ольга']);
    expect(words('Petrenko I.P.')).toEqual(['petrenko', 'i', 'p']);
  });

  it('ё is е: Пётр / Петр, Ковалёв / Ковалев', () => {
    expect(latinOf('пётр')).toBe(latinOf('петр'));
    expect(latinOf('ковалёв')).toBe('kovalev');
  });

  it('a mostly Cyrillic word typed with a Latin look-alike is read as Cyrillic, and the reverse', () => {
    expect(latinOf(words('Пeтренко')[0]!)).toBe('petrenko'); // Latin e
    expect(latinOf(words('Petrеnko')[0]!)).toBe('petrenko'); // Cyrillic е
  });
});

describe('transliteration of Cyrillic', () => {
  it('Ukrainian: the national system of 2010, letter for letter (cyrillic-to-translit-js, preset uk)', () => {
    const ukrainian = cyrillicToTranslit({ preset: 'uk' });
    const official: [string, string][] = [
      ['Юлія', 'yuliia'], ['Олександр', 'oleksandr'], ['Сергій', 'serhii'], ['Григорій', 'hryhorii'], ['Дмитро', 'dmytro'],
      ['Ігор', 'ihor'], ['Євген', 'yevhen'], ['Їжакевич', 'yizhakevych'], ['Йосип', 'yosyp'], ['Андрій', 'andrii'],
      ['Згурський', 'zghurskyi'], ['Щербак', 'shcherbak'], ['Ольга', 'olha'], ['Ґудзь', 'gudz'], ['Соловйов', 'soloviov'],
      ['Олійник', 'oliinyk'], ["Мар'яна", 'mariana'], ['Наталія', 'nataliia'], ['Юрченко', 'yurchenko'], ['Хоменко', 'khomenko'],
    ];
    for (const [cyrillic, latin] of official) expect(ukrainian.transform(cyrillic.toLowerCase()), cyrillic).toBe(latin);
    // The matcher uses it for words with a Ukrainian letter (і, ї, є, ґ); other words go through ICAO,
    // which differs only where the comparison key does not look (и → y or i, г → h or g).
    for (const [cyrillic, latin] of official.filter(([word]) => /[іїєґІЇЄҐ]/.test(word))) expect(latinOf(words(cyrillic)[0]!), cyrillic).toBe(latin);
    expect(coarseKey(latinOf('дмитро'))).toBe(coarseKey('dmytro'));
  });

  it('Russian: ICAO Doc 9303, the passport system since 2013 (iuliia)', () => {
    const icao: [string, string][] = [
      ['Юлия', 'iuliia'], ['Александр', 'aleksandr'], ['Сергей', 'sergei'], ['Дмитрий', 'dmitrii'], ['Григорий', 'grigorii'],
      ['Игорь', 'igor'], ['Пётр', 'petr'], ['Щеглова', 'shcheglova'], ['Андрей', 'andrei'], ['Подъячев', 'podieiachev'], ['Олейник', 'oleinik'],
    ];
    for (const [cyrillic, latin] of icao) expect(latinOf(words(cyrillic)[0]!), cyrillic).toBe(latin);
  });

  it('what iuliia really has: the Russian passport systems, GOST 7.79, BGN/PCGN — and no Ukrainian schema', () => {
    expect(iuliia.translate('Юлия', iuliia.ICAO_DOC_9303)).toBe('Iuliia');
    expect(iuliia.translate('Юлия', iuliia.MVD_310)).toBe('Yuliya');
    expect(iuliia.translate('Юлия', iuliia.MVD_782)).toBe('Yuliya');
    expect(iuliia.translate('Юлия', iuliia.BGN_PCGN)).toBe('Yuliya');
    expect(iuliia.translate('Юлия', iuliia.GOST_779)).toBe('Ûliâ'); // System A
    expect(iuliia.translate('Юлия', iuliia.GOST_779_ALT)).toBe('Yuliya'); // System B
    expect(iuliia.translate('Юлия', iuliia.ISO_9_1968)).toBe('Julija'); // Julija is ISO 9:1968 / scholarly, not GOST 7.79
    expect(iuliia.translate('Юлія', iuliia.ICAO_DOC_9303)).toBe('Iulіia'); // і is in none of its schemas: left as it is
  });
});

describe('the comparison key: one key for the systems’ spellings of one name', () => {
  const groups: [string, string[]][] = [
    ['Юлія', ['Юлия', 'Yuliia', 'Iuliia', 'Yuliya', 'Julija', 'Ûliâ', 'Julia', 'YULIIA']],
    ['Сергій', ['Сергей', 'Serhii', 'Sergei', 'Sergey', 'Sergiy', 'Serhiy', 'Sergej', 'Sergii']],
    ['Григорій', ['Григорий', 'Hryhorii', 'Grigoriy', 'Grigory', 'Grigorij', 'Hryhoriy']],
    ['Ігор', ['Игорь', 'Ihor', 'Igor', 'Igorʹ']],
    ['Пётр', ['Петр', 'Petr', 'Pyotr', 'Pëtr']],
    ['Олійник', ['Олейник', 'Oliinyk', 'Oleinik', 'Oleynik', 'Olejnik', 'Oliynyk']],
    ['Ковальов', ['Ковалёв', 'Ковалев', 'Kovalov', 'Kovalev', 'Kovalyov', 'Kovalyev', 'Kovalëv', 'Kovaljov']],
    ['Соловйов', ['Соловьёв', 'Solovyov', 'Soloviov', 'Solovev', "Solov'ev", 'Solov’yëv']],
    ['Дяченко', ['Дьяченко', 'Diachenko', 'Dyachenko', "D'yachenko"]],
    ['Щербак', ['Shcherbak', 'Shherbak', 'Ŝerbak', 'Scherbak', 'Ščerbak']],
    ['Євген', ['Yevhen', 'Ievhen', 'Evhen']],
    ['Евгений', ['Evgenii', 'Evgeniy', 'Yevgeniy', 'Evgenij', 'Yevgeny']],
    ['Зеленська', ['Зеленская', 'Zelenska', 'Zelenskaya']],
    ['Бережний', ['Бережной', 'Berezhnyi', 'Berezhnoy']],
    ['Згурський', ['Згурский', 'Zghurskyi', 'Zgurskii', 'Zgurskiy']],
    ['Луцюк', ['Lutsiuk', 'Lutciuk', 'Lutsyuk', 'Lucjuk']],
    ['Журавльов', ['Журавлёв', 'Zhuravlev', 'Žuravlëv', 'Zhuravlyov']],
    ['Юрченко', ['Iurchenko', 'Yurchenko', 'Jurčenko']],
    ['Максим', ['Maksym', 'Maksim', 'Maxim']],
  ];
  for (const [word, spellings] of groups) {
    it(`${word}: ${spellings.join(', ')}`, () => {
      for (const spelling of spellings) expect(sameKey(word, spelling), spelling).toBe(true);
    });
  }

  it('collapses kh/h/g, ii/iy/y/ei/ey/ej, ye/e/ie, yu/iu/ju, ya/ia/ja, zh/ž, ts/tc/c', () => {
    expect(coarseKey('kharchenko')).toBe(coarseKey('harchenko'));
    expect(coarseKey('hanna')).toBe(coarseKey('ganna'));
    for (const ending of ['ii', 'iy', 'y', 'ei', 'ey', 'ej', 'yi']) expect(coarseKey(`serh${ending}`)).toBe(coarseKey('serhii'));
    expect(coarseKey('lebediev')).toBe(coarseKey('lebedev'));
    for (const yu of ['yu', 'iu', 'ju']) expect(coarseKey(`${yu}rii`)).toBe(coarseKey('yurii'));
    for (const ya of ['ya', 'ia', 'ja']) expect(coarseKey(`${ya}kiv`)).toBe(coarseKey('yakiv'));
    expect(coarseKey('zhuk')).toBe(coarseKey(latinOf('žuk')));
    expect(coarseKey('lutsiuk')).toBe(coarseKey('lutciuk'));
  });

  it('reads the Ukrainian чо as the Russian че: Чорний / Черный, Чорновол / Черновол', () => {
    expect(sameKey('Чорний', 'Черный')).toBe(true);
    expect(sameKey('Chornovol', 'Chernovol')).toBe(true);
  });

  it('keeps a surname’s Ukrainian -ів apart from the Russian -ев: Ковалів / Ковалев, Іванів / Иванов', () => {
    expect(sameKey('Ковалів', 'Kovaliv')).toBe(true);
    expect(sameKey('Ковалів', 'Ковалив')).toBe(true);
    expect(sameKey('Ковалів', 'Ковалев')).toBe(false);
    expect(sameKey('Іванів', 'Иванов')).toBe(false);
    expect(sameKey('Лебедєв', 'Лебедев')).toBe(true);
  });

  it('keeps apart what makes two names: initial e and i (Ігор / Єгор), a / o / u (Петрик / Петрук), consonants', () => {
    expect(sameKey('Ігор', 'Єгор')).toBe(false);
    expect(sameKey('Igor', 'Yegor')).toBe(false);
    expect(sameKey('Петрик', 'Петрук')).toBe(false);
    expect(sameKey('Олійник', 'Олешко')).toBe(false);
    expect(sameKey('Іваненко', 'Іванченко')).toBe(false);
  });
});

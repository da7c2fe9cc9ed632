/**
 * Matching, the outcomes: one list entry against the registry's persons of one side. Each rule of
 * API.md v2 "Reconciliation" with real names: spellings across scripts and systems, Russian forms
 * of Ukrainian names, order, patronymics, typos, and what a date of birth or service number does.
 */
import { describe, expect, it } from 'vitest';
import { PersonIndex, type CandidatePerson, type ListEntry } from '../../lambdas/domain/matching';

let next = 0;
const person = (fullName: string, extra: Partial<CandidatePerson> = {}): CandidatePerson => ({
  id: `p${++next}`,
  fullName,
  status: 'held',
  kind: 'military',
  ...extra,
});

/** Distractors every index carries, so that a match is never the only person there. */
const crowd = [
  'Шевченко Андрій Миколайович', 'Коваленко Олена Петрівна', 'Бондаренко Іван Іванович', 'Мельник Сергій Олегович',
  'Ткаченко Дмитро Васильович', 'Кравчук Юлія Сергіївна', 'Бойко Олександр Юрійович', 'Савчук Ігор Петрович',
].map((name, i) => person(name, { dateOfBirth: `19${70 + i}-0${(i % 9) + 1}-1${i % 10}` }));

function indexWith(...persons: CandidatePerson[]): PersonIndex {
  return new PersonIndex([...crowd, ...persons]);
}

const matchOf = (index: PersonIndex, entry: ListEntry | string) => index.match(typeof entry === 'string' ? { fullName: entry } : entry);

describe('a name matches its spellings in the other script and the transliteration systems', () => {
  const cases: [registry: string, spellings: string[]][] = [
    ['Олійник Олександр', ['Олейник Александр', 'Oliinyk Oleksandr', 'Oleinik Aleksandr', 'Oleynik Alexander', 'OLEJNIK ALEKSANDR', 'Олійник Олександр']],
    ['Кравець Юлія', ['Кравец Юлия', 'Kravets Yuliia', 'Kravets Yuliya', 'Kravec Iuliia', 'Kravec Julija', 'Kravec Ûliâ']],
    ['Гончаренко Сергій', ['Гончаренко Сергей', 'Honcharenko Serhii', 'Goncharenko Sergei', 'Goncharenko Sergey', 'Goncharenko Sergiy']],
    ['Литвиненко Дмитро', ['Литвиненко Дмитрий', 'Lytvynenko Dmytro', 'Litvinenko Dmitriy', 'Litvinenko Dmitry', 'Litvinenko Dmitrii']],
    ['Кириленко Григорій', ['Кириленко Григорий', 'Kyrylenko Hryhorii', 'Kirilenko Grigoriy', 'Kirilenko Grigory', 'Kirilenko Grigorij']],
    ['Яременко Ігор', ['Яременко Игорь', 'Yaremenko Ihor', 'Iaremenko Igor', "Yaremenko Igor'"]],
    ['Ковальов Володимир', ['Ковалёв Владимир', 'Ковалев Владимир', 'Kovalyov Vladimir', 'Kovalev Vladimir', 'Kovalov Volodymyr']],
    ['Соловйов Євген', ['Соловьёв Евгений', 'Solovyov Yevgeny', 'Solovev Evgenii', 'Soloviov Yevhen']],
  ];
  for (const [registry, spellings] of cases) {
    it(`${registry}: ${spellings.join(' · ')}`, () => {
      const target = person(registry);
      const index = indexWith(target);
      for (const spelling of spellings) {
        const result = matchOf(index, spelling);
        expect(result.outcome, spelling).toBe('matched');
        expect(result.match, spelling).toEqual({ personId: target.id, score: 0.925, agreed: ['name'] });
      }
    });
  }

  it('Пётр / Петр / Petr / Pyotr / Peter (a Russian person) and Петро (a Ukrainian one)', () => {
    const russian = person('Фролов Пётр Ильич');
    const ukrainian = person('Петрук Петро');
    const index = indexWith(russian, ukrainian);
    for (const spelling of ['Фролов Петр', 'Frolov Petr', 'Pyotr Frolov', 'Peter Frolov', 'Фролов Петро']) {
      expect(matchOf(index, spelling).match?.personId, spelling).toBe(russian.id);
    }
    for (const spelling of ['Петрук Пётр', 'Petruk Petro', 'Petruk Petr', 'Petruk Pyotr']) {
      expect(matchOf(index, spelling).match?.personId, spelling).toBe(ukrainian.id);
    }
  });

  it('regardless of case, Unicode form, apostrophes and ё', () => {
    const target = person('Лукʼяненко Вʼячеслав Андрійович');
    const index = indexWith(target);
    for (const spelling of ['ЛУКʼЯНЕНКО ВʼЯЧЕСЛАВ', "Лук'яненко В'ячеслав", 'Лук’яненко В’ячеслав', 'Лукяненко Вячеслав', 'Лукьяненко Вячеслав', 'Lukianenko Viacheslav', 'лукʼяненко вʼячеслав'.normalize('NFD')]) {
      expect(matchOf(index, spelling).match?.personId, spelling).toBe(target.id);
    }
    const yo = person('Семёнов Артём');
    expect(matchOf(indexWith(yo), 'Семенов Артем').match?.personId).toBe(yo.id);
  });

  it('hyphens and spaces: a double surname written with a space or a spaced dash', () => {
    const target = person('Петренко-Іваненко Ольга Петрівна');
    const index = indexWith(target);
    for (const spelling of ['Петренко Іваненко Ольга', 'Петренко – Іваненко Ольга', 'Olha Petrenko-Ivanenko']) {
      expect(matchOf(index, spelling).match?.personId, spelling).toBe(target.id);
    }
  });
});

describe('order, patronymics, typos', () => {
  it('the given name first or the surname first', () => {
    const target = person('Бондаренко Тарас Михайлович');
    const index = indexWith(target);
    for (const spelling of ['Taras Bondarenko', 'Bondarenko Taras', 'Taras Mykhailovych Bondarenko', 'Тарас Михайлович Бондаренко']) {
      expect(matchOf(index, spelling).match?.personId, spelling).toBe(target.id);
    }
  });

  it('a patronymic on one side only; the Russian form of the other side’s (Сергійович / Сергеевич, Миколайович / Николаевич)', () => {
    const withPatronymic = person('Руденко Олег Сергійович');
    const without = person('Марченко Ірина');
    const index = indexWith(withPatronymic, without);
    for (const spelling of ['Руденко Олег', 'Руденко Олег Сергеевич', 'Oleg Sergeevich Rudenko', 'Rudenko Oleh Serhiiovych']) {
      expect(matchOf(index, spelling).match?.personId, spelling).toBe(withPatronymic.id);
    }
    expect(matchOf(index, 'Марченко Ирина Николаевна').match?.personId).toBe(without.id);
    const nikolaevich = person('Гуменюк Андрій Миколайович');
    expect(matchOf(indexWith(nikolaevich), 'Гуменюк Андрей Николаевич').match?.personId).toBe(nikolaevich.id);
  });

  it('a surname that looks like a patronymic (Петрович, Бабич) stays a surname, in either order', () => {
    const petrovych = person('Петрович Іван Миколайович');
    const petrenko = person('Петренко Іван Петрович');
    const index = indexWith(petrovych, petrenko);
    for (const entry of ['Ivan Mykolaiovych Petrovych', 'Petrovych Ivan', 'Ivan Petrovych']) expect(matchOf(index, entry).match?.personId, entry).toBe(petrovych.id);
    expect(matchOf(index, 'Petrenko Ivan Petrovich').match?.personId).toBe(petrenko.id);
  });

  it('two different patronymics are two fathers: not matched', () => {
    const target = person('Тимошенко Юрій Іванович');
    const result = matchOf(indexWith(target), 'Тимошенко Юрий Петрович');
    expect(result.outcome).toBe('possible');
    expect(result.candidates[0]!.agreed).toEqual([]);
  });

  it('one typo in a name still matches, in any letter (the first too) and in the other national form', () => {
    const target = person('Шаповал Микола Степанович', { dateOfBirth: '1984-02-11' });
    const index = indexWith(target);
    for (const spelling of ['Шапвал Микола', 'Шаповал Мкола', 'Жаповал Микола', 'Shapoval Nikoali', 'Shapoavl Nikolai', 'Mykola Shapovsl']) {
      const result = matchOf(index, spelling);
      expect(result.outcome, spelling).toBe('matched');
      expect(result.match!.agreed, spelling).toEqual(['name']);
      expect(result.match!.score, spelling).toBeLessThan(0.925);
    }
    // Doubled letters and и / ы / і are no typo at all: the comparison key does not tell them apart.
    for (const spelling of ['Mykola Shapovall', 'Шаповал Мыкола']) expect(matchOf(index, spelling).match?.score, spelling).toBe(0.925);
  });

  it('a typo counts as one wherever it is: a Cyrillic letter that is two in Latin, the first letter, a broken digraph', () => {
    const filipchuk = person('Філіпчук Андрій Віталійович', { dateOfBirth: '1994-03-04' });
    const trofymenko = person('Трофименко Сергій Володимирович', { dateOfBirth: '2004-05-26' });
    const tymoshchuk = person('Тимощук Вадим Максимович', { dateOfBirth: '1977-05-22' });
    const index = indexWith(filipchuk, trofymenko, tymoshchuk);
    const cases: [string, string, CandidatePerson][] = [
      ['Филипячук Андрей', '1994-03-04', filipchuk],
      ['Юилипчук Андрей', '1994-03-04', filipchuk],
      ['Ergey Trofimenko', '2004-05-26', trofymenko],
      ['Есргій Трофименко', '2004-05-26', trofymenko],
      ['Timoshcyhuk Vadim', '1977-05-22', tymoshchuk],
    ];
    for (const [fullName, dateOfBirth, target] of cases) {
      const result = matchOf(index, { fullName, dateOfBirth });
      expect(result.match, fullName).toEqual({ personId: target.id, score: 0.936, agreed: ['name', 'dateOfBirth'] });
    }
  });

  it('a one-letter difference that is another name of the registry is no typo, unless the date of birth agrees', () => {
    const target = person('Іваненко Петро', { dateOfBirth: '1990-05-01' });
    const other = person('Іванченко Олег');
    const index = indexWith(target, other);
    expect(matchOf(index, 'Іванченко Петро').outcome).toBe('possible');
    expect(matchOf(index, { fullName: 'Іванченко Петро', dateOfBirth: '1990-05-01' }).match?.personId).toBe(target.id);
  });

  it('two different known given names are never a typo, even with the same date of birth (twins)', () => {
    const brother = person('Ярошенко Олександр', { dateOfBirth: '2001-07-07' });
    const index = indexWith(brother);
    for (const sister of ['Ярошенко Олександра', 'Iaroshenko Aleksandra']) {
      const result = matchOf(index, { fullName: sister, dateOfBirth: '2001-07-07' });
      expect(result.outcome, sister).toBe('possible');
      expect(result.candidates[0]!.agreed, sister).toEqual(['dateOfBirth']);
    }
    const ihor = person('Мазур Ігор');
    expect(matchOf(indexWith(ihor), 'Мазур Єгор').outcome).toBe('unknown');
  });

  it('near-homonyms are different people: Олійник / Олешко, Петренко / Петрик, Коваленко / Коваль', () => {
    const index = indexWith(person('Олешко Андрій'), person('Петрик Василь'), person('Коваль Остап'));
    for (const entry of ['Олійник Андрій', 'Петренко Василь', 'Коваленко Остап']) expect(matchOf(index, entry).outcome, entry).toBe('unknown');
  });
});

describe('date of birth and service number', () => {
  it('a date of birth that disagrees blocks matched: the person is still worth a look', () => {
    const target = person('Захарченко Віталій Олегович', { dateOfBirth: '1979-03-15' });
    const index = indexWith(target);
    const result = matchOf(index, { fullName: 'Zakharchenko Vitalii', dateOfBirth: '1982-10-02' });
    expect(result.outcome).toBe('possible');
    expect(result.match).toBeNull();
    expect(result.candidates).toEqual([{ personId: target.id, fullName: target.fullName, score: 0.65, agreed: ['name'] }]);
    // A near date (day and month swapped, one digit off) disagrees too, with a smaller penalty.
    const swapped = matchOf(index, { fullName: 'Zakharchenko Vitalii', dateOfBirth: '1979-15-03' });
    expect(swapped.outcome).toBe('possible');
    expect(swapped.candidates[0]!.score).toBe(0.75);
  });

  it('a date of birth that agrees confirms, and is reported', () => {
    const target = person('Захарченко Віталій Олегович', { dateOfBirth: '1979-03-15' });
    const result = matchOf(indexWith(target), { fullName: 'Zakharchenko Vitalii', dateOfBirth: '1979-03-15' });
    expect(result.match).toEqual({ personId: target.id, score: 1, agreed: ['name', 'dateOfBirth'] });
  });

  it('two persons with the same name and no date of birth: possible, both listed, never matched', () => {
    const one = person('Петренко Іван');
    const two = person('Петренко Іван', { dateOfBirth: '1990-01-01' });
    const index = indexWith(one, two);
    for (const entry of ['Петренко Іван', 'Petrenko Ivan', 'Ivan Petrenko']) {
      const result = matchOf(index, entry);
      expect(result.outcome, entry).toBe('possible');
      expect(result.candidates.map((c) => c.personId).sort(), entry).toEqual([one.id, two.id].sort());
    }
    // The entry's date of birth makes one of them clear.
    expect(matchOf(index, { fullName: 'Petrenko Ivan', dateOfBirth: '1990-01-01' }).match?.personId).toBe(two.id);
  });

  it('an equal service number agrees, written with Latin look-alikes, a hyphen or spaces', () => {
    const target = person('Кучер Роман Богданович', { serviceNumber: 'АВ 123456' });
    const index = indexWith(target, person('Кучер Роман'));
    for (const serviceNumber of ['AB123456', 'АВ-123456', 'ab 123 456']) {
      const result = matchOf(index, { fullName: 'Kucher Roman', serviceNumber });
      expect(result.outcome, serviceNumber).toBe('matched');
      expect(result.match, serviceNumber).toEqual({ personId: target.id, score: 1, agreed: ['name', 'serviceNumber'] });
    }
    // It carries a name with two typos.
    expect(matchOf(index, { fullName: 'Kuher Roamn', serviceNumber: 'AB123456' }).match?.personId).toBe(target.id);
  });

  it('a service number that disagrees blocks matched', () => {
    const target = person('Кучер Роман Богданович', { serviceNumber: 'АВ 123456' });
    const result = matchOf(indexWith(target), { fullName: 'Kucher Roman', serviceNumber: 'КМ 654321' });
    expect(result.outcome).toBe('possible');
    expect(result.candidates[0]!.agreed).toEqual(['name']);
  });

  it('kind (military / civilian) never vetoes; it only lowers the score a little', () => {
    const target = person('Литвин Оксана', { kind: 'civilian' });
    const result = matchOf(indexWith(target), { fullName: 'Lytvyn Oksana', kind: 'military' });
    expect(result.match).toEqual({ personId: target.id, score: 0.875, agreed: ['name'] });
  });
});

describe('results', () => {
  it('unknown: no candidate at all', () => {
    expect(matchOf(indexWith(), 'Сидоренко Аркадій')).toEqual({ outcome: 'unknown', match: null, candidates: [] });
  });

  it('initials or a surname with the date of birth: possible, never matched', () => {
    const target = person('Кушнір Олександр Вʼячеславович', { dateOfBirth: '1967-04-21' });
    const index = indexWith(target);
    expect(matchOf(index, { fullName: 'Kushnir O. V.', dateOfBirth: '1967-04-21' }).outcome).toBe('possible');
    expect(matchOf(index, 'Kushnir O.').outcome).toBe('possible');
    expect(matchOf(index, { fullName: 'Кушнир Саша', dateOfBirth: '1967-04-21' }).outcome).toBe('possible');
  });

  it('at most five candidates, best first; a match lists the others worth a look, not itself', () => {
    const namesakes = Array.from({ length: 8 }, (_, i) => person('Гнатюк Богдан', { dateOfBirth: `198${i}-01-01` }));
    const index = indexWith(...namesakes, person('Гнатюк Богдан Іванович', { dateOfBirth: '1999-09-09', serviceNumber: '1234567890' }));
    const possible = matchOf(index, 'Hnatiuk Bohdan');
    expect(possible.outcome).toBe('possible');
    expect(possible.candidates).toHaveLength(5);
    const scores = possible.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const matched = matchOf(index, { fullName: 'Hnatiuk Bohdan', dateOfBirth: '1983-01-01' });
    expect(matched.outcome).toBe('matched');
    expect(matched.match!.personId).toBe(namesakes[3]!.id);
    expect(matched.candidates.length).toBeLessThanOrEqual(5);
    expect(matched.candidates.map((c) => c.personId)).not.toContain(namesakes[3]!.id);
    for (const candidate of [...possible.candidates, ...matched.candidates]) {
      expect(candidate.score).toBeGreaterThanOrEqual(0);
      expect(candidate.score).toBeLessThanOrEqual(1);
      expect(Math.round(candidate.score * 1000) / 1000).toBe(candidate.score);
    }
  });
});

describe('blocking: an entry is compared with a few persons, not all of them', () => {
  const surnames = ['Мельник', 'Шевченко', 'Коваленко', 'Бондаренко', 'Бойко', 'Ткаченко', 'Кравченко', 'Ковальчук', 'Коваль', 'Шевчук', 'Поліщук', 'Лисенко'];
  const given = ['Олександр', 'Сергій', 'Андрій', 'Володимир', 'Дмитро', 'Микола', 'Іван', 'Віталій', 'Юрій', 'Олег'];
  const registry: CandidatePerson[] = [];
  for (let i = 0; i < 20_000; i++) {
    const root = surnames[i % surnames.length]!;
    // Many different surnames, each a few hundred persons at most.
    registry.push(person(`${root}${['', 'ук', 'енко', 'ич', 'ишин'][Math.floor(i / 12) % 5]}${Math.floor(i / 60) % 40 ? String.fromCharCode(1072 + (Math.floor(i / 60) % 28)) : ''} ${given[Math.floor(i / 7) % given.length]}`, { dateOfBirth: `19${60 + (i % 40)}-0${(i % 9) + 1}-${10 + (i % 18)}` }));
  }
  const target = person('Олійниченко Тарас Петрович', { dateOfBirth: '1985-06-06' });
  const index = new PersonIndex([...registry, target]);

  it('finds the person through a typo in the first letters and swapped order, scoring a handful', () => {
    for (const entry of ['Olijnychenko Taras', 'Taras Oliinychenko', 'Taras Lolinychenko', 'Алійниченко Тарас', 'Тарас Олійничнко']) {
      const result = index.match({ fullName: entry });
      expect(result.match?.personId, entry).toBe(target.id);
      expect(index.lastScored, entry).toBeLessThan(50);
    }
  });

  it('a common name scores the persons that share both words (and the date of birth), not everyone', () => {
    index.match({ fullName: 'Мельник Олександр', dateOfBirth: '1975-06-25' });
    expect(index.size).toBe(20_001);
    expect(index.lastScored).toBeLessThan(1000);
  });
});

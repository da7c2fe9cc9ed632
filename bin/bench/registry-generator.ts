/**
 * Seeded generator of registry identities for the matching and reconciliation benchmarks: the
 * labelled set's name lists, surnames weighted and recombined from their roots, each identity
 * written as the registry holds it and as a counterpart's list would.
 */
import type { CandidatePerson, ListEntry } from '../../lambdas/domain/matching';
import { Dice, random, registryName, render, russianSystems, typo, ukrainianSystems, type Identity, type Rendering } from '../../test/fixtures/name-generator';
import { femaleNames, maleNames, russianSurnames, ukrainianSurnames } from '../../test/fixtures/name-lists';

const SURNAME_SUFFIX = /(енко|ченко|чук|щук|юк|ук|ко|ик|ич|ець|ак|ар|ський|цький|ий|ів|ин|ов|ьов|йов)$/;
const GENERATED_SUFFIXES = ['енко', 'ченко', 'чук', 'ук', 'юк', 'ко', 'ик', 'ич', 'ишин', 'ський', 'ак', 'ець', 'ів'];
/** How a Russian clerk writes a Ukrainian surname that the lists do not give: і, ї, є, ґ, ʼ. */
const russianSpelling = (ua: string) =>
  ua.replace(/ʼя/g, 'ья').replace(/ʼ/g, '').replace(/ї/g, 'йи').replace(/і/g, 'и').replace(/є/g, 'е').replace(/ґ/g, 'г').replace(/ський$/, 'ский').replace(/цький$/, 'цкий');

/** Seeded generator of registry identities: the lists' names, weighted, and surnames recombined from their roots. */
export class RegistryGenerator {
  private readonly dice: Dice;
  private readonly roots: string[];
  private readonly listed: { ua: string; ru: string; weight: number }[];
  private readonly listedTotal: number;

  constructor(seed: number) {
    this.dice = new Dice(random(seed));
    this.roots = [...new Set(ukrainianSurnames.map(([ua]) => ua.replace(SURNAME_SUFFIX, '')).filter((root) => root.length >= 3))];
    // A surname's share falls with its rank (Zipf-like, flat: the first, Мельник, gets about 0.3%
    // of the registry, near its share of Ukraine's population).
    this.listed = ukrainianSurnames.map(([ua, ru], rank) => ({ ua, ru: ru ?? ua, weight: 1 / (rank + 1) ** 0.3 }));
    this.listedTotal = this.listed.reduce((sum, item) => sum + item.weight, 0);
  }

  private surname(): { ua: string; ru: string } {
    const dice = this.dice;
    const r = dice.next();
    if (r < 0.08) {
      const [ru, ua] = dice.pick(russianSurnames);
      return { ua: ua ?? ru, ru };
    }
    if (r < 0.3) {
      let w = dice.next() * this.listedTotal;
      for (const item of this.listed) {
        w -= item.weight;
        if (w <= 0) return item;
      }
    }
    const ua = dice.pick(this.roots) + dice.pick(GENERATED_SUFFIXES);
    return { ua, ru: russianSpelling(ua) };
  }

  identity(): Identity {
    const dice = this.dice;
    const female = dice.chance(0.15);
    const given = dice.weighted(female ? femaleNames : maleNames);
    const father = dice.weighted(maleNames);
    const kind = female ? (dice.chance(0.6) ? 'civilian' : 'military') : dice.chance(0.9) ? 'military' : 'civilian';
    const letters = 'АВЕКМНОРСТХІ';
    return {
      female,
      russian: false,
      surname: this.surname(),
      given: { ua: given[0], ru: given[1] },
      father: dice.chance(0.92) ? { ua: father[0], ru: father[1] } : null,
      dateOfBirth: dice.date(),
      ...(kind === 'military' && dice.chance(0.5)
        ? { serviceNumber: `${dice.pick([...letters])}${dice.pick([...letters])} ${String(dice.int(100000, 999999))}` }
        : {}),
      kind,
    };
  }

  person(identity: Identity, id: string): CandidatePerson {
    return {
      id,
      fullName: registryName(identity, identity.father !== null),
      ...(this.dice.chance(0.92) ? { dateOfBirth: identity.dateOfBirth } : {}),
      ...(identity.serviceNumber ? { serviceNumber: identity.serviceNumber } : {}),
      status: this.dice.pick(['held', 'held', 'held', 'missing', 'exchanged']),
      kind: identity.kind,
    };
  }

  /** The person as a counterpart's list writes them: another script or system, maybe a typo, maybe no date of birth. */
  entry(identity: Identity): ListEntry {
    const dice = this.dice;
    const r = dice.next();
    const how: Rendering =
      r < 0.3
        ? { form: 'ru', system: 'Cyrillic', order: 'surname-first', patronymic: dice.chance(0.8), upper: dice.chance(0.15), yoAsE: dice.chance(0.6) }
        : r < 0.5
          ? { form: 'ua', system: 'Cyrillic', order: 'surname-first', patronymic: dice.chance(0.6), upper: dice.chance(0.15), yoAsE: false }
          : {
              form: r < 0.85 ? 'ru' : 'ua',
              system: dice.pick(r < 0.85 ? russianSystems : ukrainianSystems),
              order: dice.chance(0.5) ? 'given-first' : 'surname-first',
              patronymic: dice.chance(0.4),
              upper: dice.chance(0.3),
              yoAsE: false,
            };
    let fullName = render(identity, how);
    if (dice.chance(0.15)) {
      const words = fullName.split(' ');
      const at = dice.int(0, words.length - 1);
      if ([...words[at]!].length >= 4) words[at] = typo(words[at]!, dice);
      fullName = words.join(' ');
    }
    return {
      fullName,
      ...(dice.chance(0.85) ? { dateOfBirth: identity.dateOfBirth } : {}),
      ...(identity.serviceNumber && dice.chance(0.3) ? { serviceNumber: identity.serviceNumber } : {}),
      kind: identity.kind,
    };
  }
}

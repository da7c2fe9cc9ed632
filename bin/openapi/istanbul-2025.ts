/**
 * The three 2025 Istanbul agreements on exchanges and the negotiation events around them
 * (data/agreements-2025.json), read through the importer's own parser, so each body is exactly
 * what `npm run import` sends: an agreement without the file's links (`ref`, `rounds`,
 * `repatriations`), an event with its agreement's id for its `agreement` ref. Ids and creation
 * times are the examples' own, fixed.
 */
import { readFileSync } from 'node:fs';
import { parseAgreementsFile } from '../import/agreements';
import type { AgreementInput } from '../../lambdas/domain/agreement';
import type { NegotiationInput } from '../../lambdas/domain/negotiation';

export const AGREEMENTS_DATASET = 'data/agreements-2025.json';
const file = parseAgreementsFile(readFileSync(new URL(`../../${AGREEMENTS_DATASET}`, import.meta.url), 'utf8'));

/** An agreement: its id and creation time in the examples, its body, and the rows of the public record that carry it out. */
export interface Deal {
  readonly id: string;
  readonly createdAt: string;
  readonly input: AgreementInput;
  readonly rounds: readonly { readonly date: string; readonly stage: number }[];
  readonly repatriations: readonly string[];
}

/** The examples' id and creation time of each agreement, by its `ref` in the file. */
const identities = {
  'istanbul-2025-05-16': { id: '01JVD7QJ3RM4X8Z2C6T9W1BQ5E', createdAt: '2025-05-16T19:04:27.512Z' },
  'istanbul-2025-06-02': { id: '01JWRW433JK7P2V9D4N6H8RA3F', createdAt: '2025-06-02T17:48:10.226Z' },
  'istanbul-2025-07-23': { id: '01K0WEKC1YT5G8B2M6Q9X4ZC7H', createdAt: '2025-07-23T20:11:35.870Z' },
};
type Ref = keyof typeof identities;

function deal(ref: Ref): Deal {
  const entry = file.agreements.find((a) => a.ref === ref);
  if (!entry) throw new Error(`${AGREEMENTS_DATASET} has no agreement with ref ${ref}`);
  return {
    ...identities[ref],
    input: entry.body as unknown as AgreementInput,
    rounds: entry.rounds as Deal['rounds'],
    repatriations: entry.repatriations as Deal['repatriations'],
  };
}

export const deals = { may16: deal('istanbul-2025-05-16'), june2: deal('istanbul-2025-06-02'), july23: deal('istanbul-2025-07-23') };
export const dealList: readonly Deal[] = Object.values(deals);

/** The body the importer sends for the event of that date (and kind). */
function event(date: string, kind: string): NegotiationInput {
  const found = file.negotiations.filter((n) => n.body.date === date && n.body.kind === kind);
  if (found.length !== 1) throw new Error(`${AGREEMENTS_DATASET} has ${found.length} ${kind} events on ${date}, not one`);
  const { agreement } = found[0]!;
  const agreementId = agreement === undefined ? undefined : identities[agreement as Ref]?.id;
  if (agreement !== undefined && !agreementId) throw new Error(`${AGREEMENTS_DATASET}: the ${kind} event of ${date} names agreement ${String(agreement)}, which has no example id`);
  return { ...found[0]!.body, ...(agreementId ? { agreementId } : {}) } as unknown as NegotiationInput;
}

export const events = {
  may16Talks: event('2025-05-16', 'talks'),
  june7Postponed: event('2025-06-07', 'postponed'),
  nov11Talks: event('2025-11-11', 'talks'),
  nov15Statement: event('2025-11-15', 'statement'),
  dec11Statement: event('2025-12-11', 'statement'),
};

/** The day of the newest negotiation event of the file: `latest.negotiationOn`. */
export const LAST_NEGOTIATION_ON = file.negotiations.map((n) => String(n.body.date)).sort().at(-1) ?? null;

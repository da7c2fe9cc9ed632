/**
 * A person: prisoner of war, detained civilian or missing person. Personal data: the schemas say
 * what is valid; who may see it is the route table's business (viewer and up).
 */
import * as z from 'zod/mini';
import { bodySchemas, categoryList, isoDate, referenceId, text, paragraph, type ServerFields } from './fields';

export const personSides = ['ukraine', 'russia'] as const;
export const personKinds = ['military', 'civilian'] as const;
export const personStatuses = ['missing', 'held', 'exchanged', 'declined_exchange', 'released', 'deceased'] as const;

/** Today where it is latest on Earth (UTC+14): a date that is today for anyone is never refused. */
const today = () => new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);
const notInFuture = (what: string) =>
  z.refine<string>((date) => date <= today(), { message: `${what} cannot be after today` });

const shape = {
  fullName: text(200, 1),
  dateOfBirth: isoDate().check(notInFuture('A date of birth')),
  side: z.enum(personSides),
  kind: z.enum(personKinds),
  status: z.enum(personStatuses),
  capturedOn: isoDate().check(notInFuture('A capture date')),
  categories: categoryList,
  rank: text(200),
  unit: text(200),
  serviceNumber: text(200),
  roundId: referenceId(),
  notes: paragraph(4000),
};

/** `exchanged` names the round it happened in; no other status has one. */
const roundIdOnlyWhenExchanged = z.superRefine((person: { status: string; roundId?: string | null }, ctx) => {
  const hasRound = person.roundId !== undefined && person.roundId !== null;
  if (person.status === 'exchanged' && !hasRound) {
    ctx.issues.push({ code: 'custom', input: person.roundId, path: ['roundId'], message: 'Required when status is exchanged' });
  }
  if (person.status !== 'exchanged' && hasRound) {
    ctx.issues.push({ code: 'custom', input: person.roundId, path: ['roundId'], message: `Only an exchanged person has a round; this person is ${person.status}` });
  }
});

const bodies = bodySchemas(shape, ['fullName', 'side', 'kind', 'status']);

export const personInput = bodies.input.check(roundIdOnlyWhenExchanged);
export type PersonInput = z.infer<typeof personInput>;
export const personPatch = bodies.patch;

export type Person = PersonInput & ServerFields;

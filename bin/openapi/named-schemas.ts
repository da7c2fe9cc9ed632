/** The named schemas (components/schemas): shared fields, each resource's bodies, records and pages, audit, statistics. */
import * as z from 'zod/mini';
import { commitment } from '../../lambdas/domain/agreement';
import { categoryList, count, source } from '../../lambdas/domain/fields';
import { repatriationSources } from '../../lambdas/domain/repatriation';
import { listEntry, MAX_ENTRIES, reconciliationInput } from '../../lambdas/domain/reconciliation';
import { roundSources } from '../../lambdas/domain/round';
import {
  agreementProgressSchema,
  auditEntrySchema,
  candidateSchema,
  figureRangesSchema,
  figuresSchema,
  hasDerivedFields,
  latestSchema,
  matchSchema,
  MAX_CANDIDATES,
  omittedPersonSchema,
  pageSchema,
  personStatsSchema,
  progressSchema,
  rangeSchema,
  reconciliationEntrySchema,
  reconciliationSchema,
  recordSchema,
  statsSchema,
  storedReconciliationSchema,
  summarySchema,
  totalsSchema,
  yearTotalsSchema,
} from './response-schemas';
import { a } from './route-docs';
import type { JsonSchema, SchemaCatalog } from './schemas';
import { fieldText, partText, resourceTexts, type AnyResource } from './texts';

/** The component of a record as stored and audited, for a resource whose answers add computed fields. */
const capitalA = (noun: string) => a(noun).replace(/^a/, 'A');

export const storedName = (resource: AnyResource) => `Stored${resource.label}`;

export function nameSchemas(catalog: SchemaCatalog): void {
  catalog.add((categoryList as unknown as { _zod: { def: { element: z.ZodMiniType } } })._zod.def.element, {
    id: 'Category',
    description: 'A priority category of the people handed over.',
  });
  catalog.add(count, {
    id: 'Count',
    description: 'People one side received: `total`, and where published the `military` / `civilians` parts (never above `total`; both given, they sum to it).',
  });
  catalog.add(source, {
    id: 'Source',
    description:
      "Where a fact was published (an agreement's, a negotiation event's): an http or https URL, who published it, whose statement it is (`side`), what it claims. " +
      'It states no figures of its own (a `figures` key is 400): only the sources of rounds and repatriations do.',
  });
  const figuresNote =
    'A source states only the figures it gives, and may state none; they may differ from the record and from other sources. ' +
    "The record's own figures stay the registry's headline figures: these are the sources' versions beside them, and where two versions differ (the headline and a source's, or two sources') the record is `disputed`.";
  catalog.add(roundSources.figures, {
    id: 'RoundFigures',
    description: `The figures of a round that one source states: how many people it says each side received (a total, with no military/civilian parts). ${figuresNote} Other keys are 400.`,
  });
  catalog.add(roundSources.source, {
    id: 'RoundSource',
    description:
      'Where a fact about a round was published, as a Source (URL, publisher, whose statement it is, what it claims), plus the figures that this source states (`figures`). ' +
      "The round's own `returnedToUkraine` and `returnedToRussia` stay the headline figures; a source's figures never change them, and where they differ the round is `disputed`.",
  });
  catalog.add(repatriationSources.figures, {
    id: 'RepatriationFigures',
    description: `The figures of a repatriation that one source states: how many bodies it says each side received. ${figuresNote} Other keys are 400.`,
  });
  catalog.add(repatriationSources.source, {
    id: 'RepatriationSource',
    description:
      'Where a fact about a repatriation was published, as a Source (URL, publisher, whose statement it is, what it claims), plus the figures that this source states (`figures`). ' +
      "The repatriation's own `bodiesToUkraine` and `bodiesToRussia` stay the headline figures; a source's figures never change them, and where they differ the repatriation is `disputed`.",
  });
  catalog.add(commitment, {
    id: 'Commitment',
    description:
      'What an agreement commits the sides to: `prisoners` or `bodies`, how many each side receives, which categories. ' +
      'An absent or `null` number means the commitment names none (e.g. "all the severely wounded"); categories are unique.',
  });
  catalog.add(figuresSchema, {
    id: 'Figures',
    description: 'Prisoners and bodies each side receives under an agreement; `null` where no commitment of that kind names a number for that side.',
  });
  catalog.add(progressSchema, {
    id: 'Progress',
    description:
      'What the records that name an agreement add up to, by the statistics\' rules: completed rounds only (an undisclosed figure adds 0 and counts the round in ' +
      '`roundsUndisclosed`), every repatriation. `committed` sums the numbered commitments of each kind and side; `remaining` = max(0, committed − delivered), ' +
      '`null` where `committed` is: an upper bound while `roundsUndisclosed` > 0.',
  });
  const audited: z.ZodMiniType[] = [];
  for (const [resource, text] of resourceTexts) {
    catalog.add(resource.input, { id: `${resource.label}Input`, description: `The body of \`POST ${resource.path}\`. ${text.rules}` });
    catalog.add(resource.patch, {
      id: `${resource.label}Patch`,
      description: `The body of \`PATCH ${resource.path}/{id}\`: any fields of ${resource.label}Input; \`null\` clears an optional field. The merged ${text.one} must still be valid: ${text.rules}`,
    });
    const record = catalog.add(recordSchema(resource), {
      id: resource.label,
      description: hasDerivedFields(resource)
        ? `${capitalA(text.one)} as answered: its fields, what the server computes at the read (${(resource.derivedFields ?? []).map((f) => `\`${f}\``).join(', ')}), then the server's bookkeeping.`
        : `${capitalA(text.one)} as stored: its fields, then the server's.`,
    });
    catalog.add(pageSchema(record), { id: `${resource.label}Page`, description: `A page of ${text.many}; \`nextCursor\` is \`null\` on the last page.` });
    audited.push(
      hasDerivedFields(resource)
        ? catalog.add(recordSchema(resource, 'stored'), {
            id: storedName(resource),
            description: `${capitalA(text.one)} as stored, and as its audit trail holds it: ${resource.label} without what the server computes at the read.`,
          })
        : record,
    );
  }
  audited.push(nameReconciliationSchemas(catalog));
  const entry = catalog.add(auditEntrySchema(z.union(audited)), {
    id: 'AuditEntry',
    description: 'One change of a record, as stored: `before` is null for a create, `after` is null for a delete.',
  });
  catalog.add(pageSchema(entry), { id: 'AuditPage', description: 'A page of audit entries, newest first.' });
  catalog.add(rangeSchema, {
    id: 'Range',
    description:
      "The lowest and the highest version of one figure, summed over the records: `low` adds up each record's smallest stated value, `high` its largest (`low` ≤ `high`).",
  });
  catalog.add(figureRangesSchema, {
    id: 'FigureRanges',
    description:
      "The range of each figure, from the lowest to the highest version: per record, low = the smallest and high = the largest of its headline figure (when disclosed) and the figures its sources state; " +
      'a record with neither adds 0. Without disputes, low = high = the total.',
  });
  catalog.add(totalsSchema, {
    id: 'Totals',
    description:
      "Sums of the registry's headline figures over completed rounds and all repatriations. A figure that was not disclosed adds 0, so where records are undisclosed " +
      '(`roundsUndisclosed`) the sums are floors, not estimates; where sources disagree, `ranges` gives the lowest and highest versions and `disputed` counts the records.',
  });
  catalog.add(yearTotalsSchema, { id: 'YearTotals', description: 'The totals of one year (of the handover dates), by the same rules.' });
  catalog.add(personStatsSchema, { id: 'PersonStats', description: 'Counts of persons; `awaitingExchange` = persons `held`.' });
  catalog.add(agreementProgressSchema, {
    id: 'AgreementProgress',
    description: "An agreement's progress as the refresh saw it (the fields of Progress), with what identifies the agreement.",
  });
  catalog.add(latestSchema, {
    id: 'Latest',
    description:
      'The dates of the last completed round, repatriation and negotiation event (`null` while there is none), and the whole days from that round to `generatedAt`\'s date (UTC).',
  });
  catalog.add(statsSchema, {
    id: 'Stats',
    description:
      'The summary statistics; exact integers. `byAgreement`: every agreement\'s progress, oldest `reachedOn` first; `latest`: how recent the last handovers and talks are.',
  });
  catalog.add(
    z.looseObject({
      openapi: z.string().check(z.regex(/^3\.1\.\d+$/)),
      info: z.looseObject({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.looseObject({})),
      components: z.looseObject({}),
    }),
    { id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document.' },
  );
}

/** What the outcomes mean (API.md v2 "Reconciliation"); the words of the entry schema and of the `outcome` filter. */
export const outcomeText =
  '`matched`: one person, and only one, is clearly the entry: the name is the same (in either script, in any of the transliterations in use, in any word order, ' +
  'with or without a patronymic, one typo allowed) and neither the date of birth nor the service number disagrees (an equal service number agrees); ' +
  'when two persons fit alike, the entry is `possible` instead, with both among its candidates. ' +
  '`possible`: no clear match, but one or more candidates worth a look (a disagreeing date of birth, a second typo, a name that only partly pairs, two persons that fit). ' +
  '`unknown`: no person of the side comes close.';

/** The report of a reconciliation, its entries and omitted persons, and the report as stored (for the audit trail, which it returns). */
function nameReconciliationSchemas(catalog: SchemaCatalog): z.ZodMiniType {
  catalog.add(listEntry, {
    id: 'ListEntry',
    description:
      "One entry of the list, as the counterpart wrote it: a full name in any script or transliteration, and the date of birth, service number and kind where the list gives them. " +
      'Unknown fields are 400.',
  });
  catalog.add(reconciliationInput, {
    id: 'ReconciliationInput',
    description:
      `The body of \`POST /reconciliations\`: what the list is (its title, who handed it over and when, whose people it names) and its entries, 1 to ${MAX_ENTRIES.toLocaleString('en')}, ` +
      'in list order. Unknown fields are 400.',
  });
  catalog.add(summarySchema, {
    id: 'ReconciliationSummary',
    description:
      'The counts of the report: `entries` = `matched` + `possible` + `unknown`; `omitted` counts the held persons of the side that no entry matched; ' +
      '`missingFound` the matched persons who were `missing`. As of the reconciliation: a later change to a person does not change it.',
  });
  catalog.add(reconciliationSchema, {
    id: 'Reconciliation',
    description:
      "A reconciliation report: the list's particulars and the summary of the matching, done when the report was created. Its entries and the persons it omits are pages of their own " +
      '(`GET /reconciliations/{id}/entries`, `GET /reconciliations/{id}/omitted`). A reconciliation changes no person: it is a report, and it is never changed (`version` stays 1); ' +
      'an admin may delete it.',
  });
  catalog.add(pageSchema(reconciliationSchema), { id: 'ReconciliationPage', description: 'A page of reconciliation reports, newest first; `nextCursor` is `null` on the last page.' });
  catalog.add(matchSchema, {
    id: 'Match',
    description: 'The person a `matched` entry is: the id, the score and what agreed.',
  });
  catalog.add(candidateSchema, {
    id: 'Candidate',
    description: 'A person the entry may be, with the name the registry holds, the score and what agreed: for a person to look at, not a finding.',
  });
  catalog.add(reconciliationEntrySchema, {
    id: 'ReconciliationEntry',
    description:
      `One entry of the list as it was sent, with its place in the list (\`index\`), and what the registry made of it. ${outcomeText} ` +
      `\`match\` is set only when \`matched\`; \`candidates\` (at most ${MAX_CANDIDATES}, best first) are the persons worth a look: for a \`matched\` entry the others, often none.`,
  });
  catalog.add(pageSchema(reconciliationEntrySchema), { id: 'ReconciliationEntryPage', description: 'A page of entries, in list order; `nextCursor` is `null` on the last page.' });
  catalog.add(omittedPersonSchema, {
    id: 'OmittedPerson',
    description:
      "A person of the list's side (`listOf`) who was `held` when the list was reconciled and whom no entry matched: held by the registry's record, and not on the list. " +
      'An entry that is only `possible` does not take its candidates off this list.',
  });
  catalog.add(pageSchema(omittedPersonSchema), { id: 'OmittedPersonPage', description: 'A page of omitted persons, by person id; `nextCursor` is `null` on the last page.' });
  return catalog.add(storedReconciliationSchema, {
    id: 'StoredReconciliation',
    description:
      'A reconciliation report as stored, and as its audit trail holds it: Reconciliation with `updatedAt` (equal to `createdAt`: a report is never changed), without its entries and omitted persons.',
  });
}

function describe(id: string, properties: Record<string, JsonSchema>, textOf: (name: string) => string | undefined, where: string): void {
  for (const [name, schema] of Object.entries(properties)) {
    const text = textOf(name);
    if (!text) throw new Error(`No description for field ${id}.${name}: add it to ${where} in bin/openapi/texts.ts`);
    properties[name] = { description: text, ...schema };
  }
}

/**
 * Field descriptions on every record, input and patch schema (a $ref or anyOf keeps its sibling
 * description), and on the parts of the statistics and of progress that `partText` names.
 */
export function describeFields(componentSchemas: Record<string, JsonSchema>): void {
  for (const [resource, text] of resourceTexts) {
    const ids = [resource.label, `${resource.label}Input`, `${resource.label}Patch`, ...(hasDerivedFields(resource) ? [storedName(resource)] : [])];
    for (const id of ids) {
      describe(id, componentSchemas[id]!.properties as Record<string, JsonSchema>, (name) => text.fields?.[name] ?? fieldText[name], 'fieldText (or the resource text\'s fields)');
    }
  }
  for (const [id, texts] of Object.entries(partText)) {
    describe(id, componentSchemas[id]!.properties as Record<string, JsonSchema>, (name) => texts[name], `partText.${id}`);
  }
}

/** The named schemas (components/schemas): shared fields, each resource's bodies, records and pages, audit, statistics. */
import * as z from 'zod/mini';
import { commitment } from '../../lambdas/domain/agreement';
import { categoryList, count, source } from '../../lambdas/domain/fields';
import { repatriationSources } from '../../lambdas/domain/repatriation';
import { roundSources } from '../../lambdas/domain/round';
import {
  agreementProgressSchema,
  auditEntrySchema,
  figureRangesSchema,
  figuresSchema,
  hasDerivedFields,
  latestSchema,
  pageSchema,
  personStatsSchema,
  progressSchema,
  rangeSchema,
  recordSchema,
  statsSchema,
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

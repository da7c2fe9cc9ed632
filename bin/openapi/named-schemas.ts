/** The named schemas (components/schemas): shared fields, each resource's bodies, records and pages, audit, statistics. */
import * as z from 'zod/mini';
import { categoryList, count, source } from '../../lambdas/domain/fields';
import { auditEntrySchema, pageSchema, personStatsSchema, recordSchema, statsSchema, totalsSchema, yearTotalsSchema } from './response-schemas';
import type { JsonSchema, SchemaCatalog } from './schemas';
import { fieldText, resourceTexts } from './texts';

export function nameSchemas(catalog: SchemaCatalog): void {
  catalog.add((categoryList as unknown as { _zod: { def: { element: z.ZodMiniType } } })._zod.def.element, {
    id: 'Category',
    description: 'A priority category of the people handed over.',
  });
  catalog.add(count, {
    id: 'Count',
    description: 'People one side received: `total`, and where published the `military` / `civilians` parts (never above `total`; both given, they sum to it).',
  });
  catalog.add(source, { id: 'Source', description: 'Where a fact was published: an http or https URL, who published it, what it claims.' });
  const records: z.ZodMiniType[] = [];
  for (const [resource, text] of resourceTexts) {
    catalog.add(resource.input, { id: `${resource.label}Input`, description: `The body of \`POST ${resource.path}\`. ${text.rules}` });
    catalog.add(resource.patch, {
      id: `${resource.label}Patch`,
      description: `The body of \`PATCH ${resource.path}/{id}\`: any fields of ${resource.label}Input; \`null\` clears an optional field. The merged ${text.one} must still be valid: ${text.rules}`,
    });
    const record = catalog.add(recordSchema(resource), { id: resource.label, description: `A ${text.one} as stored: its fields, then the server's.` });
    catalog.add(pageSchema(record), { id: `${resource.label}Page`, description: `A page of ${text.many}; \`nextCursor\` is \`null\` on the last page.` });
    records.push(record);
  }
  const entry = catalog.add(auditEntrySchema(z.union(records)), {
    id: 'AuditEntry',
    description: 'One change of a record: `before` is null for a create, `after` is null for a delete.',
  });
  catalog.add(pageSchema(entry), { id: 'AuditPage', description: 'A page of audit entries, newest first.' });
  catalog.add(totalsSchema, { id: 'Totals', description: 'Sums over completed rounds and all repatriations.' });
  catalog.add(yearTotalsSchema, { id: 'YearTotals', description: 'The totals of one year.' });
  catalog.add(personStatsSchema, { id: 'PersonStats', description: 'Counts of persons; `awaitingExchange` = persons `held`.' });
  catalog.add(statsSchema, { id: 'Stats', description: 'The summary statistics; exact integers.' });
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

/** Field descriptions on every record, input and patch schema (a $ref or anyOf keeps its sibling description). */
export function describeFields(componentSchemas: Record<string, JsonSchema>): void {
  const labels = [...resourceTexts.keys()].map((resource) => resource.label);
  for (const id of labels.flatMap((label) => [label, `${label}Input`, `${label}Patch`])) {
    const properties = componentSchemas[id]!.properties as Record<string, JsonSchema>;
    for (const [name, schema] of Object.entries(properties)) {
      const text = fieldText[name];
      if (!text) throw new Error(`No description for field ${id}.${name}: add it to fieldText in bin/openapi/texts.ts`);
      properties[name] = { description: text, ...schema };
    }
  }
}


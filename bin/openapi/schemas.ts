/**
 * zod → JSON Schema 2020-12 (the dialect of OpenAPI 3.1) with zod's own converter. Named schemas go
 * to `components/schemas` and are referenced by `$ref`; everything else is inlined. Cleaned of
 * noise only: zod's long date regexes next to `format: date`, the safe-integer bounds of `z.int()`,
 * and nested `anyOf` lists.
 */
import * as z from 'zod/mini';
import { agreementInput } from '../../lambdas/domain/agreement';
import { categoryList, source } from '../../lambdas/domain/fields';
import { agreedList, stageList } from './response-schemas';

export type JsonSchema = Record<string, unknown>;

export interface SchemaMeta {
  id: string;
  description?: string;
}

const componentUri = (id: string) => `#/components/schemas/${id}`;
const sourceUrl = (source as unknown as { _zod: { def: { shape: { url: unknown } } } })._zod.def.shape.url;
const innerOf = (optional: unknown) => (optional as { _zod: { def: { innerType: unknown } } })._zod.def.innerType;
/** Lists whose refinement keeps their items distinct. */
const uniqueLists = new Set<unknown>([categoryList, innerOf(agreementInput.shape.mediators), stageList, agreedList]);

/** What JSON Schema cannot say by itself about a few shared schemas (their refinements). */
function override({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  if (uniqueLists.has(zodSchema)) jsonSchema.uniqueItems = true;
  // z.url() accepts any URL the WHATWG parser does, Cyrillic hosts included (an IRI, not only a
  // URI), but only http and https ones, and the document says so: `iri` alone admits mailto: or ftp:.
  if (zodSchema === sourceUrl) {
    jsonSchema.format = 'iri';
    jsonSchema.pattern = '^[Hh][Tt][Tt][Pp][Ss]?://';
    jsonSchema.description = 'An absolute http or https URL; hosts in any script (https://мвд.рф/…) or in punycode.';
  }
  if ((jsonSchema.format === 'date' || jsonSchema.format === 'date-time') && jsonSchema.pattern) delete jsonSchema.pattern;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

const strip = ({ $schema: _schema, $id: _id, ...rest }: JsonSchema): JsonSchema => rest;

/** `anyOf` inside `anyOf` (a nullable of a nullable, a nullable union) as one flat, duplicate-free list. */
function flattenAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(flattenAnyOf);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, flattenAnyOf(value)]));
  if (Array.isArray(out.anyOf)) {
    const flat = (out.anyOf as JsonSchema[]).flatMap((item) => (Object.keys(item).length === 1 && Array.isArray(item.anyOf) ? (item.anyOf as JsonSchema[]) : [item]));
    const seen = new Set<string>();
    out.anyOf = flat.filter((item) => !seen.has(JSON.stringify(item)) && seen.add(JSON.stringify(item)));
  }
  return out;
}

const tidy = (schema: JsonSchema): JsonSchema => flattenAnyOf(strip(schema)) as JsonSchema;

export class SchemaCatalog {
  private readonly registry = z.registry<SchemaMeta>();

  /** Names a schema: it becomes a component, and every use of the same schema object refers to it. */
  add<T extends z.ZodMiniType>(schema: T, meta: SchemaMeta): T {
    if (this.registry.has(schema)) throw new Error(`Schema ${meta.id} is already named ${this.registry.get(schema)!.id}`);
    this.registry.add(schema, meta);
    return schema;
  }

  idOf(schema: z.ZodMiniType): string | undefined {
    return this.registry.get(schema)?.id;
  }

  /** `{ $ref }` to a named schema; throws for an unnamed one (operations only point at components). */
  ref(schema: z.ZodMiniType): JsonSchema {
    const id = this.idOf(schema);
    if (!id) throw new Error('Schema has no component name');
    return { $ref: componentUri(id) };
  }

  /** Every named schema, in the order they were named. */
  components(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.registry, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
      metadata: this.registry,
      uri: componentUri,
      override,
    }) as unknown as { schemas: Record<string, JsonSchema> };
    return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, tidy(schema)]));
  }

  /**
   * An unnamed schema inline (path and query parameters). `io: 'output'` for query parameters:
   * they arrive as strings and are documented as the typed values the route parses them into.
   */
  inline(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      override,
    }) as unknown as JsonSchema;
    return tidy(json);
  }
}

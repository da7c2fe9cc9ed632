/**
 * What the generic record routes need to know about one kind of record. Each resource is a
 * definition like this, never a copy of handler or store code.
 */
import type * as z from 'zod/mini';
import type { ServerFields } from '../domain/fields';
import type { EntityName, ListQuery, RecordLayout } from '../store/keys';

export type Schema<T> = z.ZodMiniType<T>;

/** The query parameters every list takes. */
export interface PageQuery {
  readonly limit?: number;
  readonly cursor?: string;
}

/** What the service needs to read and write one kind of record. */
export interface RecordResource<TInput extends object> {
  readonly entity: EntityName;
  /** Singular, for messages: "Round". */
  readonly label: string;
  /** Collection path in the route table: "/rounds". */
  readonly path: string;
  readonly input: Schema<TInput>;
  readonly patch: Schema<Record<string, unknown>>;
  /** Defaults the domain adds to valid input (e.g. absent figures become null). */
  readonly normalize: (input: TInput) => TInput;
  /** Keys, index attributes, companion items and references of a stored record. */
  readonly layout: RecordLayout<TInput & ServerFields>;
  /**
   * Fields the server computes on every answer (an agreement's progress), after the record's own:
   * never stored, never accepted in a body (the input schemas do not know them: 400).
   */
  readonly derivedFields?: readonly string[];
  /** The derived fields that follow from the record alone (a round's `disputed`), added to every answer. */
  readonly compute?: (record: TInput & ServerFields) => Record<string, unknown>;
  /**
   * For records that others name: why this change must wait until nothing names the record
   * (e.g. deleting a round, or taking it out of `completed`), or undefined when it may go ahead.
   */
  readonly needsNoReferences?: (before: TInput & ServerFields, after: (TInput & ServerFields) | null) => string | undefined;
}

export interface ResourceDefinition<TInput extends object, TFilter extends object> extends RecordResource<TInput> {
  /** The list route's query parameters, cursor and limit included. */
  readonly listParams: Schema<TFilter & PageQuery>;
  /** The Query that answers a filter (page parameters are ignored), or undefined when it matches nothing by construction. */
  readonly listQuery: (filter: TFilter) => ListQuery | undefined;
}

/**
 * Every key, index and access pattern of the single table (docs/access-patterns.md lists them for
 * readers), one file per concern: the Query shape and shared key helpers, the layout of a stored
 * record, statistics, each record kind, and the API's own records.
 */
export * from './query';
export * from './layout';
export * from './stats';
export * from './agreements';
export * from './negotiations';
export * from './rounds';
export * from './repatriations';
export * from './persons';
export * from './reconciliations';
export * from './system';

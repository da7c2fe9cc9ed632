import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../lambdas/routes';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const { stack, resources } = synthesizeRegistry();
const tableId = logicalIdOf(stack.data.table);

/**
 * The grant of every function, spelled out rather than imported from lambdas/store/key-prefixes.ts,
 * so that widening a grant means changing this table on purpose. `<action> <table|index>` → the
 * `dynamodb:LeadingKeys` patterns it may name; anything not listed is not granted.
 */
const statsSegments = ['STATS#PERSONS', ...Array.from({ length: 31 }, (_, i) => `STATS#PERSONS#${String(i + 1).padStart(2, '0')}`)];
const expectedGrants: Record<FunctionName, Record<string, string[]>> = {
  'rounds-read': {
    'GetItem table': ['ROUND#*'],
    // `?agreementId=`: the round copies in the partition of the agreement's links, read consistently.
    'Query table': ['AGREEMENT#*#LINKS'],
    'Query GSI1': ['ROUNDS'],
    'Query GSI2': ['ROUNDS#STATUS#*'],
  },
  'rounds-write': {
    'GetItem table': ['IDEMPOTENCY#POST /rounds#*#*', 'ROUND#*'],
    // The round's copy and its stage claim live in the partition of the agreement's links, never the agreement's own.
    'PutItem table': ['AGREEMENT#*#LINKS', 'AUDIT#rounds#*', 'IDEMPOTENCY#POST /rounds#*#*', 'ROUND#*'],
    // The agreement a round names: its reference counter.
    'UpdateItem table': ['AGREEMENT#*', 'ROUND#*'],
    // The answer stored by the POST that created the record goes with it; a copy and a stage
    // claim go when the round leaves the agreement.
    'DeleteItem table': ['AGREEMENT#*#LINKS', 'IDEMPOTENCY#POST /rounds#*#*', 'ROUND#*'],
  },
  'repatriations-read': {
    'GetItem table': ['REPATRIATION#*'],
    'Query table': ['AGREEMENT#*#LINKS'],
    'Query GSI1': ['REPATRIATIONS'],
  },
  'repatriations-write': {
    'GetItem table': ['IDEMPOTENCY#POST /repatriations#*#*', 'REPATRIATION#*'],
    'PutItem table': ['AGREEMENT#*#LINKS', 'AUDIT#repatriations#*', 'IDEMPOTENCY#POST /repatriations#*#*', 'REPATRIATION#*'],
    'UpdateItem table': ['AGREEMENT#*', 'REPATRIATION#*'],
    // The answer stored by the POST that created the record goes with it.
    'DeleteItem table': ['AGREEMENT#*#LINKS', 'IDEMPOTENCY#POST /repatriations#*#*', 'REPATRIATION#*'],
  },
  'persons-read': {
    'GetItem table': ['PERSON#*', 'ROUND#*'],
    'Query GSI1': ['PERSONS', 'PERSONS#CATEGORY#*'],
    'Query GSI2': ['PERSONS#STATUS#*'],
    'Query GSI3': ['PERSONS#SIDE#*'],
    'Query GSI4': ['PERSONS#KIND#*'],
    'Query GSI5': ['ROUND#*#PERSONS'],
  },
  'persons-write': {
    'GetItem table': ['IDEMPOTENCY#POST /persons#*#*', 'PERSON#*'],
    'PutItem table': ['AUDIT#persons#*', 'IDEMPOTENCY#POST /persons#*#*', 'PERSON#*'],
    // The round a person names: its reference counter.
    'UpdateItem table': ['PERSON#*', 'ROUND#*'],
    // The answer stored by the POST that created the record goes with it.
    'DeleteItem table': ['IDEMPOTENCY#POST /persons#*#*', 'PERSON#*'],
  },
  'agreements-read': {
    'GetItem table': ['AGREEMENT#*'],
    // Progress: the copies of what names the agreement, in the partition of its links.
    'Query table': ['AGREEMENT#*#LINKS'],
    'Query GSI1': ['AGREEMENTS'],
    'Query GSI2': ['AGREEMENTS#STATUS#*'],
  },
  'agreements-write': {
    'GetItem table': ['AGREEMENT#*', 'IDEMPOTENCY#POST /agreements#*#*'],
    'PutItem table': ['AGREEMENT#*', 'AUDIT#agreements#*', 'IDEMPOTENCY#POST /agreements#*#*'],
    'UpdateItem table': ['AGREEMENT#*'],
    'DeleteItem table': ['AGREEMENT#*', 'IDEMPOTENCY#POST /agreements#*#*'],
    // The answer to a PATCH carries the progress.
    'Query table': ['AGREEMENT#*#LINKS'],
  },
  'negotiations-read': {
    'GetItem table': ['NEGOTIATION#*'],
    'Query table': ['AGREEMENT#*#LINKS'],
    'Query GSI1': ['NEGOTIATIONS'],
    'Query GSI2': ['NEGOTIATIONS#KIND#*'],
  },
  'negotiations-write': {
    'GetItem table': ['IDEMPOTENCY#POST /negotiations#*#*', 'NEGOTIATION#*'],
    'PutItem table': ['AGREEMENT#*#LINKS', 'AUDIT#negotiations#*', 'IDEMPOTENCY#POST /negotiations#*#*', 'NEGOTIATION#*'],
    'UpdateItem table': ['AGREEMENT#*', 'NEGOTIATION#*'],
    'DeleteItem table': ['AGREEMENT#*#LINKS', 'IDEMPOTENCY#POST /negotiations#*#*', 'NEGOTIATION#*'],
  },
  'reconciliations-read': {
    // The report first (404 for an unknown one), then its entries and the persons it omits.
    'GetItem table': ['RECONCILIATION#*'],
    'Query table': ['RECONCILIATION#*#ENTRIES', 'RECONCILIATION#*#OMITTED'],
    // The list of reports, and the entries of one outcome (`RECONCILIATION#<id>#MATCHED`…).
    'Query GSI1': ['RECONCILIATION#*#*', 'RECONCILIATIONS'],
  },
  'reconciliations-write': {
    'GetItem table': ['IDEMPOTENCY#POST /reconciliations#*#*', 'RECONCILIATION#*'],
    // The report item, its audit record and the stored answer of an idempotent POST: one transaction.
    'PutItem table': ['AUDIT#reconciliations#*', 'IDEMPOTENCY#POST /reconciliations#*#*', 'RECONCILIATION#*'],
    'DeleteItem table': ['IDEMPOTENCY#POST /reconciliations#*#*', 'RECONCILIATION#*'],
    // A report is never changed: no UpdateItem. Its entries and omitted persons are written in
    // batches, and their keys read back to remove them.
    'BatchWriteItem table': ['RECONCILIATION#*#ENTRIES', 'RECONCILIATION#*#OMITTED'],
    'Query table': ['RECONCILIATION#*#ENTRIES', 'RECONCILIATION#*#OMITTED'],
    // The persons of a side with their names: the names index's person segments, nothing else of it.
    'Query GSI7': statsSegments,
  },
  'stats-read': {
    'GetItem table': ['STATS'],
  },
  'stats-refresh': {
    'GetItem table': ['STATS'],
    'PutItem table': ['STATS'],
    // Every agreement (byAgreement), and the newest negotiation event (latest.negotiationOn).
    'Query GSI1': ['AGREEMENTS', 'NEGOTIATIONS'],
    'Query GSI6': ['STATS#REPATRIATIONS', 'STATS#ROUNDS', ...statsSegments].sort(),
  },
  'exports-read': {
    // The stored statistics, each agreement's progress, and the whole lists of the public collections: no person, no audit.
    'GetItem table': ['STATS'],
    'Query table': ['AGREEMENT#*#LINKS'],
    'Query GSI1': ['AGREEMENTS', 'NEGOTIATIONS', 'REPATRIATIONS', 'ROUNDS'],
  },
  'audit-read': {
    'Query table': ['AUDIT#agreements#*', 'AUDIT#negotiations#*', 'AUDIT#persons#*', 'AUDIT#reconciliations#*', 'AUDIT#repatriations#*', 'AUDIT#rounds#*'],
  },
  'openapi-read': {},
};

const NEVER_GRANTED = ['Scan', 'BatchGetItem', 'ConditionCheckItem', 'PartiQLSelect', 'DescribeTable', '*'];
/** The one function that batches: a reconciliation's entries and omitted persons. */
const BATCH_WRITER: FunctionName = 'reconciliations-write';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Statement = { Effect: string; Action: string | string[]; Resource: any; Condition?: Record<string, Record<string, string[]>> };

function statementsOf(name: FunctionName): Statement[] {
  const fn = stack.deployedFunctions.get(name);
  if (!fn) throw new Error(`no Lambda for ${name}`);
  const roleId = logicalIdOf(fn.role);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => r.Properties.Roles.some((role: { Ref?: string }) => role.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
}

const isDynamoDb = (statement: Statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:') || action === '*');

/** `table`, `GSI1`, …; anything but this table and its named indexes is reported as it is. */
function resourceName(resource: unknown): string {
  const json = JSON.stringify(resource);
  if (json === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] })) return 'table';
  const index = /^\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["(\w+)","Arn"\]\},"\/index\/(\w+)"\]\]\}$/.exec(json);
  if (index && index[1] === tableId) return index[2]!;
  return json;
}

/** `<action> <resource>` → LeadingKeys patterns, over every DynamoDB statement of the function. */
function grantsOf(name: FunctionName): Record<string, string[]> {
  const grants: Record<string, string[]> = {};
  for (const statement of statementsOf(name).filter(isDynamoDb)) {
    const patterns = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? ['<no LeadingKeys condition>'];
    for (const action of [statement.Action].flat()) {
      for (const resource of [statement.Resource].flat()) {
        const key = `${action.replace(/^dynamodb:/, '')} ${resourceName(resource)}`;
        grants[key] = [...(grants[key] ?? []), ...patterns].sort();
      }
    }
  }
  return grants;
}

const like = (pattern: string) =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '.')).join('.*')}$`, 's');

const deployed = [...stack.deployedFunctions.keys()];

describe('table grants', () => {
  it('cover every deployed function', () => {
    expect(deployed.sort()).toEqual((Object.keys(expectedGrants) as FunctionName[]).sort());
  });

  describe.each(deployed)('%s', (name) => {
    it('may call exactly the expected actions, on the table and the indexes it queries, for the expected partitions', () => {
      expect(grantsOf(name)).toEqual(expectedGrants[name]);
    });

    it('allows table actions only, each bound by ForAllValues:StringLike on dynamodb:LeadingKeys and nothing else', () => {
      for (const statement of statementsOf(name).filter(isDynamoDb)) {
        expect(statement.Effect).toBe('Allow');
        expect(Object.keys(statement.Condition ?? {})).toEqual(['ForAllValues:StringLike']);
        expect(Object.keys(statement.Condition!['ForAllValues:StringLike']!)).toEqual(['dynamodb:LeadingKeys']);
      }
    });

    it('gets no Scan, Batch*, ConditionCheckItem, Describe or wildcard action (BatchWriteItem: reconciliations-write alone)', () => {
      const actions = statementsOf(name).flatMap((statement) => [statement.Action].flat());
      for (const action of [...NEVER_GRANTED, ...(name === BATCH_WRITER ? [] : ['BatchWriteItem'])]) {
        expect(actions).not.toContain(`dynamodb:${action}`);
      }
      expect(actions).not.toContain('*');
    });
  });

  it('give openapi-read nothing on the table', () => {
    expect(statementsOf('openapi-read').filter(isDynamoDb)).toEqual([]);
  });
});

/** Partition keys of personal data and of the audit trail: items on the table, partitions of the indexes. */
const PERSON_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWP01';
const RECONCILIATION_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWC01';
/** A reconciliation's items: names from a counterpart's list, and the registry's persons it matched or omits. */
const reconciliationItems = [`RECONCILIATION#${RECONCILIATION_ID}`, `RECONCILIATION#${RECONCILIATION_ID}#ENTRIES`, `RECONCILIATION#${RECONCILIATION_ID}#OMITTED`];
const privateItems = [
  `PERSON#${PERSON_ID}`,
  ...reconciliationItems,
  `AUDIT#reconciliations#${RECONCILIATION_ID}`,
  'IDEMPOTENCY#POST /reconciliations#local-editor#key-1',
  `AUDIT#persons#${PERSON_ID}`,
  `AUDIT#rounds#${PERSON_ID}`,
  `AUDIT#repatriations#${PERSON_ID}`,
  `AUDIT#agreements#${PERSON_ID}`,
  `AUDIT#negotiations#${PERSON_ID}`,
  'IDEMPOTENCY#POST /persons#local-editor#key-1',
];
const privateIndexPartitions = [
  'PERSONS',
  'PERSONS#STATUS#held',
  'PERSONS#SIDE#ukraine',
  'PERSONS#KIND#civilian',
  'PERSONS#CATEGORY#women',
  `ROUND#${PERSON_ID}#PERSONS`,
];

/** GSI1 partitions of reconciliations: the list of reports, and the entries of each outcome. */
const reconciliationIndexPartitions = ['RECONCILIATIONS', ...['MATCHED', 'POSSIBLE', 'UNKNOWN'].map((outcome) => `RECONCILIATION#${RECONCILIATION_ID}#${outcome}`)];

const reachedBy = (key: string, onTable: boolean) =>
  deployed.filter((name) =>
    Object.entries(grantsOf(name)).some(([grant, patterns]) => grant.endsWith(' table') === onTable && patterns.some((pattern) => like(pattern).test(key))),
  );

it('probes only keys that some function does reach (persons-read, persons-write, audit-read, the reconciliation functions)', () => {
  for (const key of privateItems) expect(reachedBy(key, true), key).not.toEqual([]);
  for (const key of privateIndexPartitions) expect(reachedBy(key, false), key).toEqual(['persons-read']);
  for (const key of reconciliationIndexPartitions) expect(reachedBy(key, false), key).toEqual(['reconciliations-read']);
});

describe('reconciliations', () => {
  it('only reconciliations-write may BatchWriteItem, on the table, and only the entries and omitted partitions', () => {
    const batching = deployed.filter((name) => Object.keys(grantsOf(name)).some((grant) => grant.startsWith('BatchWriteItem ')));
    expect(batching).toEqual([BATCH_WRITER]);
    const grants = grantsOf(BATCH_WRITER);
    expect(Object.keys(grants).filter((grant) => grant.startsWith('BatchWriteItem '))).toEqual(['BatchWriteItem table']);
    expect(grants['BatchWriteItem table']).toEqual(['RECONCILIATION#*#ENTRIES', 'RECONCILIATION#*#OMITTED']);
    const batches = (key: string) => grants['BatchWriteItem table']!.some((pattern) => like(pattern).test(key));
    expect(batches(`RECONCILIATION#${RECONCILIATION_ID}#ENTRIES`)).toBe(true);
    expect(batches(`RECONCILIATION#${RECONCILIATION_ID}#OMITTED`)).toBe(true);
    // Not the report item (its transaction writes it, conditionally), nor anything else of the table.
    for (const key of [`RECONCILIATION#${RECONCILIATION_ID}`, `AUDIT#reconciliations#${RECONCILIATION_ID}`, 'IDEMPOTENCY#POST /reconciliations#local-editor#key-1', `PERSON#${PERSON_ID}`, 'STATS']) {
      expect(batches(key), key).toBe(false);
    }
  });

  it('never change a report (no UpdateItem) nor write a person', () => {
    for (const name of ['reconciliations-read', 'reconciliations-write'] as const) {
      const grants = grantsOf(name);
      expect(grants['UpdateItem table'], name).toBeUndefined();
      for (const action of ['PutItem', 'DeleteItem', 'BatchWriteItem']) {
        expect((grants[`${action} table`] ?? []).some((pattern) => like(pattern).test(`PERSON#${PERSON_ID}`)), `${name} ${action}`).toBe(false);
      }
    }
  });

  it('only reconciliations-write may query the names index GSI7, and only its person segments (the statistics never read a name)', () => {
    const onNames = deployed.filter((name) => Object.keys(grantsOf(name)).some((grant) => grant.endsWith(' GSI7')));
    expect(onNames).toEqual(['reconciliations-write']);
    expect(Object.keys(grantsOf('reconciliations-write')).filter((grant) => grant.endsWith(' GSI7'))).toEqual(['Query GSI7']);
    expect(grantsOf('reconciliations-write')['Query GSI7']).toEqual(statsSegments);
    expect(grantsOf('stats-refresh')['Query GSI7']).toBeUndefined();
    // The statistics read the same segments, but on the stats index, which projects no name.
    expect(grantsOf('stats-refresh')['Query GSI6']).toEqual(expect.arrayContaining(statsSegments));
    // Persons of a side are read from the names index only: none of the persons' own lists.
    expect(Object.keys(grantsOf('reconciliations-write')).filter((grant) => / GSI[1-6]$/.test(grant))).toEqual([]);
  });

  it('keep reconciliations-read to reading', () => {
    expect(Object.keys(grantsOf('reconciliations-read')).filter((grant) => !/^(GetItem|Query) /.test(grant))).toEqual([]);
  });
});

describe.each(['rounds-read', 'repatriations-read', 'agreements-read', 'negotiations-read', 'stats-read', 'exports-read'] as const)('the public %s', (name) => {
  it('cannot name a person, a reconciliation, their index partitions or an audit record, with any action on the table or an index', () => {
    const reachable = Object.entries(grantsOf(name)).flatMap(([grant, patterns]) =>
      (grant.endsWith(' table') ? privateItems : [...privateIndexPartitions, ...reconciliationIndexPartitions]).filter((key) => patterns.some((pattern) => like(pattern).test(key))).map((key) => `${grant}: ${key}`),
    );
    expect(reachable).toEqual([]);
  });

  it('still reaches its own records (the probe above can match)', () => {
    const own = {
      'rounds-read': 'ROUND#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ',
      'repatriations-read': 'REPATRIATION#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ',
      'agreements-read': 'AGREEMENT#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ',
      'negotiations-read': 'NEGOTIATION#01JZ8Y3K4N5P6Q7R8S9T0VWXYZ',
      'stats-read': 'STATS',
      'exports-read': 'STATS',
    }[name];
    expect(grantsOf(name)['GetItem table']!.some((pattern) => like(pattern).test(own))).toBe(true);
  });
});

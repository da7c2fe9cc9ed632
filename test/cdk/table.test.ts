import { describe, expect, it } from 'vitest';
import { NAMES_INDEX, STATS_INDEX, TTL_ATTRIBUTE, globalIndexes, tableSchema } from '../../lambdas/store/table-definition';
import { synthesizeRegistry } from './support/registry-template';

const { template, resources } = synthesizeRegistry();
const tables = Object.values(resources).filter((r) => r.Type === 'AWS::DynamoDB::GlobalTable');
const table = tables[0]!;
const replica = table.Properties.Replicas[0];

describe('registry table', () => {
  it('is the one table, a TableV2 (AWS::DynamoDB::GlobalTable), and no classic table exists', () => {
    expect(tables).toHaveLength(1);
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
  });

  it('is never deleted with the stack', () => {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(replica.DeletionProtectionEnabled).toBe(true);
  });

  it('has point-in-time recovery, on-demand billing and KMS encryption', () => {
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
  });

  it('expires records by the TTL attribute of the table definition', () => {
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: TTL_ATTRIBUTE,
      Enabled: true,
    });
  });

  it('has the key schema, string key attributes and global indexes of the table definition (as DynamoDB Local gets them)', () => {
    const schema = tableSchema();
    expect(table.Properties.KeySchema).toEqual(schema.KeySchema);
    const byName = (a: { AttributeName: string }, b: { AttributeName: string }) => a.AttributeName.localeCompare(b.AttributeName);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual([...schema.AttributeDefinitions].sort(byName));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(schema.GlobalSecondaryIndexes);
  });

  it('projects only the counted attributes into the stats index, and everything into the others', () => {
    const projections = new Map<string, any>(
      table.Properties.GlobalSecondaryIndexes.map((gsi: any) => [gsi.IndexName, gsi.Projection]),
    );
    // Spelled out: the fields the stats refresh counts (API.md, Stats), nothing more; agreementId
    // and stage for each agreement's progress in `byAgreement` (API.md v2, Stats additions).
    expect(projections.get(STATS_INDEX).ProjectionType).toBe('INCLUDE');
    expect([...projections.get(STATS_INDEX).NonKeyAttributes].sort()).toEqual(
      [
        'date',
        'returnedToUkraine',
        'returnedToRussia',
        'bodiesToUkraine',
        'bodiesToRussia',
        'status',
        'side',
        'categories',
        'agreementId',
        'stage',
        // The figures a record's sources state (disputed figures and ranges).
        '_statedFigures',
      ].sort(),
    );
    // The names index: what a reconciliation compares, and no other personal field.
    expect(projections.get(NAMES_INDEX).ProjectionType).toBe('INCLUDE');
    expect([...projections.get(NAMES_INDEX).NonKeyAttributes].sort()).toEqual(['dateOfBirth', 'fullName', 'kind', 'serviceNumber', 'side', 'status']);
    const others = [...projections].filter(([name]) => name !== STATS_INDEX && name !== NAMES_INDEX);
    expect(others.length).toBe(globalIndexes.length - 2);
    for (const [, projection] of others) expect(projection).toEqual({ ProjectionType: 'ALL' });
  });
});

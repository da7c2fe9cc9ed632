import { describe, expect, it } from 'vitest';
import { lambdaFunctions, routes, scheduledFunctionNames, type FunctionName } from '../../lambdas/routes';
import { evaluateString } from './support/intrinsics';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const { stack, template, resources } = synthesizeRegistry();
const routedFunctions = [...new Set(routes.map((route) => route.fn))];
const deployedFunctions = [...new Set([...routedFunctions, ...scheduledFunctionNames()])];

// Spelled out here rather than imported, so the test states the rule instead of echoing the code.
// Per-function partitions and indexes: grants-statements.test.ts.
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
// No code path scans, batches reads or holds a ConditionCheck in a transaction; only a
// reconciliation's entries are written in batches (grants-statements.test.ts: on which partitions).
const UNUSED_ACTIONS = ['dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem'];
const BATCH_WRITER: FunctionName = 'reconciliations-write';

/**
 * Memory (MB) and timeout (s) of each function: the defaults (512, 10), but for the one that holds
 * the persons of a side in memory and matches a list of 2,000 against them: a full vCPU (1,769 MB)
 * and 28 s, under API Gateway's 29 s integration timeout. Spelled out rather than read from the
 * route table, so a bigger function is a change made here on purpose.
 */
const DEFAULT_SIZING = { memorySize: 512, timeout: 10 };
const sizingOf: Partial<Record<FunctionName, { memorySize: number; timeout: number }>> = {
  'reconciliations-write': { memorySize: 1769, timeout: 28 },
};

function lambdaOf(name: FunctionName) {
  const fn = stack.deployedFunctions.get(name);
  if (!fn) throw new Error(`no Lambda for ${name}`);
  return { fn, properties: resources[logicalIdOf(fn.lambda)]!.Properties };
}

/** Every action that any policy attached to the function's role allows. */
function allowedActions(name: FunctionName): string[] {
  const roleId = logicalIdOf(lambdaOf(name).fn.role);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => r.Properties.Roles.some((role: any) => role.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement)
    .filter((statement: any) => statement.Effect === 'Allow')
    .flatMap((statement: any) => [statement.Action].flat());
}

describe('Lambda functions', () => {
  it('deploys exactly one function per function that a route names or the schedule runs', () => {
    expect([...stack.functions.byName.keys()].sort()).toEqual([...routedFunctions].sort());
    expect([...stack.deployedFunctions.keys()].sort()).toEqual([...deployedFunctions].sort());
    // Besides them, only CDK's handler that copies the dashboard's files (lib/dashboard/).
    const others = Object.keys(resources).filter(
      (key) => resources[key]!.Type === 'AWS::Lambda::Function' && !key.startsWith('CustomCDKBucketDeployment'),
    );
    expect(others).toHaveLength(deployedFunctions.length);
    template.resourceCountIs('AWS::Lambda::Function', deployedFunctions.length + 1);
  });

  it('lets stats-refresh write the stats (PutItem) and read what it counts (Query)', () => {
    expect(allowedActions('stats-refresh')).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']),
    );
  });

  it('sizes reconciliations-write at 1,769 MB and 28 s, every other function at 512 MB and 10 s', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Description: lambdaFunctions['reconciliations-write'].description, MemorySize: 1769, Timeout: 28 });
    const others = deployedFunctions.filter((name) => name !== 'reconciliations-write').map((name) => lambdaOf(name).properties);
    expect(others.map((p) => [p.MemorySize, p.Timeout])).toEqual(others.map(() => [512, 10]));
    // Under API Gateway's 29 s, so the caller gets the function's own 503, not the gateway's 504.
    expect(lambdaOf('reconciliations-write').properties.Timeout).toBeLessThan(29);
  });

  it('keeps stats-read to one GetItem: no Query, no write', () => {
    expect(allowedActions('stats-read').filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:GetItem']);
  });

  describe.each(deployedFunctions)('%s', (name) => {
    const spec = lambdaFunctions[name];
    const { fn, properties } = lambdaOf(name);

    it('runs ESM on Node 24 on arm64 with the project defaults', () => {
      expect(properties.Runtime).toBe('nodejs24.x');
      expect(properties.Architectures).toEqual(['arm64']);
      // OutputFormat.ESM makes NodejsFunction emit index.mjs (checked in bundling.test.ts).
      expect(properties.Handler).toBe('index.handler');
      expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(properties.Description).toBe(spec.description);
    });

    it('has the default memory and timeout, or the ones spelled out for it', () => {
      const expected = sizingOf[name] ?? DEFAULT_SIZING;
      expect({ memorySize: properties.MemorySize, timeout: properties.Timeout }).toEqual(expected);
    });

    it('gets the table name (if it uses the table) and the CORS origins, and no NODE_OPTIONS', () => {
      const variables = properties.Environment.Variables;
      if (spec.tableAccess === 'none') expect(variables.TABLE_NAME).toBeUndefined();
      else expect(variables.TABLE_NAME).toEqual({ Ref: logicalIdOf(stack.data.table) });
      // cdk.json's origin, then the dashboard's (dashboard.test.ts).
      expect(evaluateString(variables.CORS_ORIGINS).split(',')[0]).toBe('http://localhost:3000');
      // --enable-source-maps would parse the source map at every cold start (lambdas/stack-trace.ts).
      expect(variables.NODE_OPTIONS).toBeUndefined();
    });

    it('logs as JSON to its own log group kept for a month', () => {
      const logGroupId = logicalIdOf(fn.logGroup);
      expect(properties.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: logGroupId } });
      expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(30);
    });

    it('traces actively, and its role may send the traces to X-Ray', () => {
      expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(allowedActions(name)).toEqual(expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']));
    });

    it('has an execution role without AWS managed policies', () => {
      expect(resources[logicalIdOf(fn.role)]!.Properties.ManagedPolicyArns).toBeUndefined();
    });

    it(`may use the table for '${spec.tableAccess}' and nothing more`, () => {
      const actions = allowedActions(name);
      if (spec.tableAccess === 'none') {
        expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
        return;
      }
      expect(actions.filter((action) => action.startsWith('dynamodb:'))).not.toEqual([]);
      for (const unused of UNUSED_ACTIONS) expect(actions).not.toContain(unused);
      if (name !== BATCH_WRITER) expect(actions).not.toContain('dynamodb:BatchWriteItem');
      expect(actions.some((action) => action === '*' || action === 'dynamodb:*')).toBe(false);
      const writes = actions.filter((action) => WRITE_ACTIONS.includes(action));
      if (spec.tableAccess === 'readwrite') expect(writes).toContain('dynamodb:PutItem');
      else expect(writes).toEqual([]);
    });
  });
});

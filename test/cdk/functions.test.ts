import { describe, expect, it } from 'vitest';
import { lambdaFunctions, routes, scheduledFunctionNames, type FunctionName } from '../../lambdas/routes';
import { logicalIdOf, synthesizeRegistry } from './support/registry-template';

const { stack, template, resources } = synthesizeRegistry();
const routedFunctions = [...new Set(routes.map((route) => route.fn))];
const deployedFunctions = [...new Set([...routedFunctions, ...scheduledFunctionNames()])];

// Spelled out here rather than imported, so the test states the rule instead of echoing the code.
// Per-function partitions and indexes: grants-statements.test.ts.
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
// No code path batches, scans or holds a ConditionCheck in a transaction.
const UNUSED_ACTIONS = ['dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];

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
    template.resourceCountIs('AWS::Lambda::Function', deployedFunctions.length);
  });

  it('lets stats-refresh write the stats (PutItem) and read what it counts (Query)', () => {
    expect(allowedActions('stats-refresh')).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']),
    );
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
      expect(properties.MemorySize).toBeGreaterThanOrEqual(256);
      expect(properties.MemorySize).toBeLessThanOrEqual(512);
      expect(properties.Timeout).toBe(10);
      expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(properties.Description).toBe(spec.description);
    });

    it('gets the table name (if it uses the table) and the CORS origins, and no NODE_OPTIONS', () => {
      const variables = properties.Environment.Variables;
      if (spec.tableAccess === 'none') expect(variables.TABLE_NAME).toBeUndefined();
      else expect(variables.TABLE_NAME).toEqual({ Ref: logicalIdOf(stack.data.table) });
      expect(variables.CORS_ORIGINS).toBe('http://localhost:3000');
      // --enable-source-maps would parse the source map at every cold start (lambdas/stack-trace.ts).
      expect(variables.NODE_OPTIONS).toBeUndefined();
    });

    it('logs as JSON to its own log group kept for a month', () => {
      const logGroupId = logicalIdOf(fn.logGroup);
      expect(properties.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: logGroupId } });
      expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(30);
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
      expect(actions.some((action) => action === '*' || action === 'dynamodb:*')).toBe(false);
      const writes = actions.filter((action) => WRITE_ACTIONS.includes(action));
      if (spec.tableAccess === 'readwrite') expect(writes).toContain('dynamodb:PutItem');
      else expect(writes).toEqual([]);
    });
  });
});

import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { TableAccess } from '../../lambdas/routes';
import { actionsOf, WRITE_ACTIONS, type KeyPrefixes, type TableAction } from '../../lambdas/store/key-prefixes';

/**
 * The statements that let one function use the table, and only the partitions it serves
 * (lambdas/store/key-prefixes.ts): on the table ARN, one statement per set of actions that may name
 * the same partition keys; per index the function queries, one Query statement on that index's ARN
 * alone, for that index's partition values. Each carries `ForAllValues:StringLike` on
 * `dynamodb:LeadingKeys` (AWS requires ForAllValues for this key, which holds every partition key
 * of a request). A Query on an index names only the index's partition value, so that is the value
 * the condition can hold; the index's own ARN bounds the Query whatever it holds (see
 * docs/access-patterns.md, Grants).
 *
 * Left out on purpose: Scan (no key, so LeadingKeys cannot bound it, and the contract answers no
 * read with one), BatchGetItem (the store never batches reads), BatchWriteItem for every function
 * but the one that stores a reconciliation's entries (on their partitions only), ConditionCheckItem (no
 * transaction holds a ConditionCheck), and stream and Describe actions. Transactions need no action
 * of their own: each element is authorized as the PutItem, UpdateItem or DeleteItem it contains.
 */
export function tableStatements(tableArn: string, access: TableAccess, prefixes: KeyPrefixes): PolicyStatement[] {
  checkAgainstAccess(access, prefixes);
  const byPartitions = new Map<string, { actions: TableAction[]; partitions: readonly string[] }>();
  for (const [action, partitions] of Object.entries(prefixes.table) as [TableAction, readonly string[]][]) {
    const key = JSON.stringify([...partitions].sort());
    const group = byPartitions.get(key) ?? { actions: [], partitions };
    group.actions.push(action);
    byPartitions.set(key, group);
  }
  return [
    ...[...byPartitions.values()].map(({ actions, partitions }) => statement(actions, tableArn, partitions)),
    ...Object.entries(prefixes.indexes).map(([index, partitions]) => statement(['Query'], `${tableArn}/index/${index}`, partitions)),
  ];
}

function statement(actions: readonly TableAction[], resource: string, partitions: readonly string[]): PolicyStatement {
  if (partitions.length === 0) throw new Error(`${actions.join(', ')} on ${resource} names no partition`);
  return new PolicyStatement({
    effect: Effect.ALLOW,
    actions: actions.map((action) => `dynamodb:${action}`),
    resources: [resource],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitions] } },
  });
}

/** The route table's coarse access level and the key prefixes must agree: a 'read' function that writes is a bug. */
function checkAgainstAccess(access: TableAccess, prefixes: KeyPrefixes): void {
  const actions = actionsOf(prefixes);
  const writes = actions.filter((action) => WRITE_ACTIONS.includes(action));
  if (access === 'none' && actions.length > 0) throw new Error(`tableAccess 'none' yet key prefixes for ${actions.join(', ')}`);
  if (access === 'read' && writes.length > 0) throw new Error(`tableAccess 'read' yet key prefixes for ${writes.join(', ')}`);
  if (access === 'readwrite' && writes.length === 0) throw new Error(`tableAccess 'readwrite' yet no key prefixes to write`);
}

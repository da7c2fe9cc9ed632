import type { TableAccess } from '../../lambdas/routes';

/**
 * DynamoDB actions per access level. Narrower than grantReadData/grantReadWriteData on purpose:
 * those also allow Scan (the contract answers no read with a Scan, so IAM refuses it too) and
 * the stream and DescribeTable actions that no handler uses. Transactions need no actions of
 * their own: each TransactGetItems/TransactWriteItems element is authorized as the Get, Put,
 * Update, Delete or ConditionCheck it contains.
 */
export const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;

export const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

export function tableActionsFor(access: TableAccess): string[] {
  if (access === 'none') return [];
  return access === 'readwrite' ? [...READ_ACTIONS, ...WRITE_ACTIONS] : [...READ_ACTIONS];
}

/**
 * Evaluates the CloudFormation intrinsics of a template value as a deployment would, with fixed
 * pseudo parameters and placeholders for what only a deployment knows: `Ref: X` is `<X>`,
 * `Fn::GetAtt: [X, A]` is `<X.A>`. So a test can compare what two resources will hold (the CSP's
 * API origin and the ApiUrl output) rather than how CDK happened to spell the expression.
 */
export const PSEUDO_PARAMETERS: Readonly<Record<string, string>> = {
  'AWS::Region': 'eu-central-1',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Partition': 'aws',
  'AWS::AccountId': '123456789012',
};

export function evaluate(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(evaluate);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [only] = entries;
  if (entries.length === 1 && only) {
    const [fn, arg] = only as [string, any];
    switch (fn) {
      case 'Ref':
        return PSEUDO_PARAMETERS[arg] ?? `<${arg}>`;
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
        return `<${id}.${attribute}>`;
      }
      case 'Fn::Join':
        return (evaluate(arg[1]) as unknown[]).map(String).join(arg[0]);
      case 'Fn::Split':
        return String(evaluate(arg[1])).split(arg[0]);
      case 'Fn::Select':
        return (evaluate(arg[1]) as unknown[])[Number(arg[0])];
      case 'Fn::Sub':
        return String(arg).replace(/\$\{([^}]+)\}/g, (_match, name: string) =>
          String(evaluate(name.includes('.') ? { 'Fn::GetAtt': name } : { Ref: name })),
        );
    }
  }
  return Object.fromEntries(entries.map(([key, inner]) => [key, evaluate(inner)]));
}

/** `evaluate`, for a value that must come out a string. */
export function evaluateString(value: unknown): string {
  const result = evaluate(value);
  if (typeof result !== 'string') throw new Error(`${JSON.stringify(value)} does not evaluate to a string`);
  return result;
}

/** The scheme and host of an evaluated URL (placeholders kept: `new URL` would refuse them). */
export function originOf(url: string): string {
  const origin = /^https?:\/\/[^/]+/.exec(url)?.[0];
  if (!origin) throw new Error(`${url} is not an absolute http(s) URL`);
  return origin;
}

import { ArnFormat, Fn, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * Requests one client IP may send in any 5 minutes before WAF blocks it: about 3 a second,
 * sustained. A dashboard visit is a handful of requests and the importer's run of the public
 * record a few hundred, so people stay far below it; one address can still take no more than a
 * fifteenth of the stage's throttle (50 requests/s).
 */
export const DEFAULT_RATE_LIMIT_PER_IP = 1000;

/** WAF's bounds on a rate-based rule's limit. */
const RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

/** The one header of a request that WAF's logs must never hold: the caller's token. */
export const REDACTED_HEADERS: readonly string[] = ['authorization'];

export interface ApiWebAclProps {
  /** Requests per client IP per 5 minutes; above it, that IP's requests are blocked. @default DEFAULT_RATE_LIMIT_PER_IP */
  readonly rateLimitPerIp?: number;
  /** @default one month, like the API's access logs */
  readonly logRetention?: RetentionDays;
}

/** A rule group of AWS's: each rule keeps its own action, but those in `countOnly` only count. */
interface ManagedGroup {
  readonly name: string;
  readonly countOnly?: readonly string[];
}

/**
 * The managed rule groups, in priority order after the rate rule. Both are AWS's baseline for any
 * public API; their rules were checked against what this API legitimately receives (JSON bodies
 * of names, dates, figures and source URLs; ids in paths; small query strings):
 * - CommonRuleSet's SizeRestrictions_BODY blocks every body over 8 KB. The contract takes up to
 *   64 KiB on every write and a reconciliation's list up to 1 MiB (`maxBodyBytes`, lambdas/routes.ts),
 *   so it would block legitimate writes: it only counts. The handler answers 413 above each
 *   route's own limit, and API Gateway refuses anything over 10 MB.
 * - Its other body rules stay blocking. CrossSiteScripting_BODY and GenericLFI_BODY look for
 *   markup (`<script`, `onerror=`) and path traversal (`../`), which no name, note or source URL
 *   needs (names with apostrophes or Cyrillic do not match); the dashboard renders these fields,
 *   so blocking markup at the edge is defence in depth. EC2MetaDataSSRF and GenericRFI match URLs
 *   with IP addresses, which no source is. NoUserAgent_HEADER blocks requests without a
 *   User-Agent: every browser, curl, Node's fetch and the AWS SDK send one.
 * - KnownBadInputsRuleSet (Log4j, Java deserialization, `localhost` Host headers, exploitable
 *   paths) matches nothing a client of this API sends.
 */
const MANAGED_GROUPS: readonly ManagedGroup[] = [
  {
    name: 'AWSManagedRulesCommonRuleSet',
    countOnly: ['SizeRestrictions_BODY'],
  },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet' },
];

export const RATE_RULE_NAME = 'RateLimitPerIp';

/**
 * The regional web ACL in front of the API stage: a rate limit per client IP first (cheapest, and
 * a flood then costs no further inspection), then AWS's common and known-bad-inputs rule groups;
 * anything else is allowed. Every rule publishes CloudWatch metrics and keeps sampled requests.
 * Its requests are logged to a CloudWatch log group (WAF requires the `aws-waf-logs-` prefix)
 * without the Authorization header; WAF logs never hold bodies, and this API's query strings carry
 * filters and cursors, no personal data.
 */
export class ApiWebAcl extends Construct {
  readonly webAcl: CfnWebACL;
  readonly logGroup: LogGroup;
  /** The ACL's name, which is also its metric name: the `WebACL` dimension of AWS/WAFV2 metrics. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: ApiWebAclProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const limit = props.rateLimitPerIp ?? DEFAULT_RATE_LIMIT_PER_IP;
    if (!Number.isInteger(limit) || limit < RATE_LIMIT_RANGE.min || limit > RATE_LIMIT_RANGE.max) {
      throw new Error(`rateLimitPerIp must be a whole number from ${RATE_LIMIT_RANGE.min} to ${RATE_LIMIT_RANGE.max}; got ${limit}`);
    }
    // Web ACL names are unique per account and region: the stack's name tells two stacks apart.
    this.name = `${stack.stackName}-api`;

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: this.name,
      description: 'Exchange Registry API: rate limit per IP, AWS common and known-bad-inputs rules',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(this.name),
      rules: [
        {
          name: RATE_RULE_NAME,
          priority: 0,
          statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          action: { block: {} },
          visibilityConfig: visibility(RATE_RULE_NAME),
        },
        ...MANAGED_GROUPS.map((group, index): CfnWebACL.RuleProperty => ({
          name: group.name,
          priority: index + 1,
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: group.name,
              ruleActionOverrides: group.countOnly?.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
            },
          },
          overrideAction: { none: {} },
          visibilityConfig: visibility(group.name),
        })),
      ],
    });

    // A fixed name would outlive a deleted stack (log groups are retained) and collide with the
    // next deployment's; the stack id's unique part keeps each deployment's group apart.
    const stackGuid = Fn.select(2, Fn.split('/', stack.stackId));
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${stack.stackName}-api-${stackGuid}`,
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the group's ARN without the `:*` that LogGroup.logGroupArn ends with.
      logDestinationConfigs: [
        stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })),
    });
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/**
 * The name of a regional web ACL from its ARN (`arn:…:regional/webacl/<name>/<id>`), when the ARN
 * is a literal string; a token (an ARN built at deploy time) has no name to read.
 */
export function webAclNameOf(arn: string): string | undefined {
  return /^arn:[^:]+:wafv2:[^:]*:[^:]*:regional\/webacl\/([^/]+)\/[^/]+$/.exec(arn)?.[1];
}

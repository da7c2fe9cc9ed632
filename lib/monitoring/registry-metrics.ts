import { Duration, Stack } from 'aws-cdk-lib';
import { MathExpression, Metric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IConstruct } from 'constructs';
import {
  dimensions,
  METRICS_NAMESPACE,
  metricNames,
  SERVICE_NAME,
} from '../../lambdas/observability/metric-names';

/**
 * The metrics that the alarms and the operations dashboard both read, built in one place from
 * the names the functions publish (lambdas/observability/metric-names.ts) and those of AWS.
 */

/** Short enough to notice a failed run before the next one; CloudWatch's usual alarm period. */
export const PERIOD = Duration.minutes(5);

export type CustomMetricName = (typeof metricNames)[keyof typeof metricNames];

/**
 * A custom metric with only the `service` dimension (refresh and reconciliation metrics). A metric
 * is the set of its dimensions: one published with any other dimension is a different metric.
 */
export function serviceMetric(metricName: CustomMetricName, options: MetricOptions = {}): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: SERVICE_NAME },
    period: PERIOD,
    ...options,
  });
}

/**
 * One line per value of `dimension` (route or status code), whatever routes exist: a CloudWatch
 * SEARCH over the metrics published with exactly `service` + that dimension. Dashboards only
 * (alarms cannot use SEARCH).
 */
export function searchByDimension(
  metricName: CustomMetricName,
  dimension: keyof typeof dimensions,
  statistic: string,
  period: Duration = PERIOD,
): MathExpression {
  const dim = dimensions[dimension];
  return new MathExpression({
    expression:
      `SEARCH('{${METRICS_NAMESPACE},${dim},service} MetricName="${metricName}" service="${SERVICE_NAME}"', ` +
      `'${statistic}', ${period.toSeconds()})`,
    usingMetrics: {},
    label: `\${PROP('Dim.${dim}')}`,
    period,
  });
}

/** AWS/WAFV2 metrics of a regional web ACL; `rule` 'ALL' is the whole ACL. */
export function wafMetric(
  scope: IConstruct,
  metricName: 'AllowedRequests' | 'BlockedRequests' | 'CountedRequests',
  webAclName: string,
  options: MetricOptions & { rule?: string } = {},
): Metric {
  const { rule, ...metricOptions } = options;
  return new Metric({
    namespace: 'AWS/WAFV2',
    metricName,
    dimensionsMap: { WebACL: webAclName, Region: Stack.of(scope).region, Rule: rule ?? 'ALL' },
    statistic: 'Sum',
    period: PERIOD,
    ...metricOptions,
  });
}

/** Blocked requests by rule, one line per rule and one for ALL (SEARCH; dashboards only). */
export function wafBlockedByRule(webAclName: string): MathExpression {
  return new MathExpression({
    expression:
      `SEARCH('{AWS/WAFV2,Region,Rule,WebACL} MetricName="BlockedRequests" WebACL="${webAclName}"', ` +
      `'Sum', ${PERIOD.toSeconds()})`,
    usingMetrics: {},
    label: "${PROP('Dim.Rule')}",
    period: PERIOD,
  });
}

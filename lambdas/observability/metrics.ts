/**
 * The functions' custom metrics, through Powertools Metrics: CloudWatch embedded metric format,
 * written to the log (no PutMetricData call, nothing on the request's path but a JSON line).
 * The stack's alarms and dashboard read the names of metric-names.ts. Powertools turns them off
 * under POWERTOOLS_DEV (`npm start`) and POWERTOOLS_METRICS_DISABLED.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];
import { dimensions, METRICS_NAMESPACE, metricNames, SERVICE_NAME } from './metric-names';

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
/**
 * Apart from the request's metrics, so that a job's carry no `route` dimension. Made once:
 * Powertools' `singleMetric()` builds a Metrics (and a Console) per call, which was most of a
 * request's overhead when the status had a blob of its own (docs/benchmarks.md).
 */
const jobMetrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

/**
 * One answered request: count, latency and class, by route and, as a second dimension set of the
 * same blob, by status code across routes (so that "every 409" is one metric).
 */
export function countRequest(route: string, status: number, ms: number, replayed: boolean): void {
  metrics.addDimension(dimensions.route, route);
  metrics.addDimensions({ [dimensions.statusCode]: String(status) });
  metrics.addMetric(metricNames.requests, MetricUnit.Count, 1);
  metrics.addMetric(metricNames.latency, MetricUnit.Milliseconds, ms);
  metrics.addMetric(metricNames.clientErrors, MetricUnit.Count, status >= 400 && status < 500 ? 1 : 0);
  metrics.addMetric(metricNames.serverErrors, MetricUnit.Count, status >= 500 ? 1 : 0);
  if (replayed) metrics.addMetric(metricNames.idempotentReplays, MetricUnit.Count, 1);
}

/**
 * Metrics of a job, with the `service` dimension only (whatever route started it), published at
 * once as one blob: the alarm on stale statistics sums RefreshSucceeded over exactly that set.
 */
function publishAlone(values: readonly (readonly [name: string, unit: Unit, value: number])[]): void {
  for (const [name, unit, value] of values) jobMetrics.addMetric(name, unit, value);
  jobMetrics.publishStoredMetrics();
}

export function countRefresh(ms: number, records: number): void {
  publishAlone([
    [metricNames.refreshDuration, MetricUnit.Milliseconds, ms],
    [metricNames.refreshRecords, MetricUnit.Count, records],
    [metricNames.refreshSucceeded, MetricUnit.Count, 1],
  ]);
}

export function countReconciliation(ms: number, entries: number, personsRead: number): void {
  publishAlone([
    [metricNames.reconciliationDuration, MetricUnit.Milliseconds, ms],
    [metricNames.reconciliationEntries, MetricUnit.Count, entries],
    [metricNames.reconciliationPersons, MetricUnit.Count, personsRead],
  ]);
}

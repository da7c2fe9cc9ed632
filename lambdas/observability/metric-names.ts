/**
 * The names the functions publish their metrics under (CloudWatch embedded metric format, through
 * Powertools Metrics) and the stack's alarms and dashboard read. One list, so that a renamed
 * metric cannot leave an alarm watching nothing.
 */

/** The CloudWatch namespace of every custom metric. */
export const METRICS_NAMESPACE = 'ExchangeRegistry';

/** Powertools' `service` dimension, on every custom metric. */
export const SERVICE_NAME = 'exchange-registry';

/** Dimension names beside `service`. */
export const dimensions = {
  /** The route key, e.g. `PATCH /rounds/{id}`. */
  route: 'route',
  /** The answer's HTTP status, e.g. `409`. */
  statusCode: 'statusCode',
} as const;

/**
 * Metric names. Per request, one blob with two dimension sets, `service` + `route` and `service` +
 * `statusCode`: requests, latency, clientErrors, serverErrors, idempotentReplays. Per refresh and
 * per reconciliation, dimension `service` only.
 */
export const metricNames = {
  requests: 'Requests',
  latency: 'Latency',
  clientErrors: 'ClientErrors',
  serverErrors: 'ServerErrors',
  idempotentReplays: 'IdempotentReplays',
  refreshDuration: 'RefreshDuration',
  refreshRecords: 'RefreshRecordsCounted',
  refreshSucceeded: 'RefreshSucceeded',
  reconciliationEntries: 'ReconciliationEntries',
  reconciliationPersons: 'ReconciliationPersonsRead',
  reconciliationDuration: 'ReconciliationDuration',
} as const;

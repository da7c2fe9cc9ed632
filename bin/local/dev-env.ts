/**
 * Environment of the local run, set before any handler module loads (bin/start.ts imports this
 * first: the Powertools logger and metrics read it when they are constructed).
 */
// Node 20 is this machine's runtime; the SDK's notice about its future Node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Powertools' development mode: log lines indented for a reader, metrics (EMF blobs) not printed.
process.env.POWERTOOLS_DEV ??= 'true';
// The local server runs requests concurrently in one process, as Lambda Managed Instances do:
// with this set, Powertools keeps each invocation's log keys in the InvokeStore that
// bin/local/invocation.ts opens around every handler call, not on the shared logger.
process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';

// A fresh Node process's first request, as a Lambda cold start serves it: import the bundled
// handler, answer one event and say so at once (the parent times that line), then answer the same
// event again, warm, print the timings (milliseconds) and exit. Plain JavaScript on purpose: no
// loader may stand between Node and the bundle.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const started = performance.now();
const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  awsRequestId: `cold-${process.pid}`,
  functionName: 'cold-init',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:cold-init',
  memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/cold-init',
  logStreamName: 'cold',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
// As the Lambda runtime loads a handler: an .mjs file is imported, a .js or .cjs file (no
// package.json with "type": "module" beside it) is required.
const { handler } = bundle.endsWith('.mjs') ? await import(bundle) : createRequire(import.meta.url)(bundle);
const imported = performance.now();
const result = await handler(event, context);
const answered = performance.now();
process.stdout.write('answered\n');
const again = await handler(event, { ...context, awsRequestId: `warm-${process.pid}` });
const warmMs = performance.now() - answered;
process.stdout.write(
  `${JSON.stringify({
    status: result.statusCode,
    warmStatus: again.statusCode,
    body: result.statusCode >= 400 ? result.body : undefined,
    bootMs: started,
    importMs: imported - started,
    requestMs: answered - imported,
    warmRequestMs: warmMs,
  })}\n`,
);
process.exit(0);

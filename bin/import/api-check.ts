/**
 * One request before the first row: with no API to talk to, the import says so within a second and
 * says what to do, instead of retrying every row of the file.
 */
const STARTING_GRACE_MS = 10_000;

function unreachable(api: string, error: Error): string {
  const reason = (error.cause as { code?: string } | undefined)?.code ?? error.name;
  return [
    `No API answers at ${api} (${reason}). Either:`,
    '  - start the local one first, in another terminal: npm start',
    '    (the import reads PORT as npm start does: PORT=4000 npm start, then PORT=4000 npm run import -- <file>)',
    '  - or name a running API: npm run import -- <file> --api <URL> --token <ID token>',
  ].join('\n');
}

/** Undefined when the API answers; otherwise what is wrong and what to do, for the user. */
export async function checkApi(api: string, timeoutMs = 3000): Promise<string | undefined> {
  const deadline = Date.now() + STARTING_GRACE_MS;
  for (;;) {
    let status: number;
    try {
      const response = await fetch(`${api}/stats`, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      return unreachable(api, error as Error);
    }
    if (status === 200) return undefined;
    // `npm start` answers 503 until its DynamoDB is up: an import started with it waits a little.
    if (status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    if (status === 503) return `The API at ${api} still answers 503 (its DynamoDB is not ready or not reachable); retry when it is.`;
    return `The API at ${api} answers HTTP ${status} to GET /stats: is it the Exchange Registry API? (--api names another one)`;
  }
}

/**
 * The README's walkthrough is docs/walkthrough.sh; run here, in order, against `npm start` as a
 * newcomer runs it, so that a step the API no longer answers as shown fails the suite.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bin/local/dynamodb-local';
import { npmStart, type StartedApi } from '../support/npm-start';

const projectRoot = new URL('../../', import.meta.url).pathname;
let api: StartedApi;

beforeAll(async () => {
  api = await npmStart(['--in-memory']);
});
afterAll(async () => {
  if (api) await api.interrupt();
});

/** Each step as `<status> <method> <path>`, ids and cursors made generic. */
const EXPECTED_STEPS = [
  '201 POST /rounds',
  '201 POST /rounds',
  '201 POST /rounds',
  '200 GET /rounds/{id}',
  '200 GET /rounds?year=2025&status=completed&limit=10',
  '200 GET /rounds?from=2025-05-23&to=2025-05-24&limit=1',
  '200 GET /rounds?from=2025-05-23&to=2025-05-24&limit=1&cursor={cursor}',
  '200 PATCH /rounds/{id}',
  '412 PATCH /rounds/{id}',
  '201 POST /repatriations',
  '200 GET /repatriations?year=2025',
  '201 POST /agreements',
  '200 PATCH /rounds/{id}',
  '409 POST /rounds',
  '200 GET /agreements/{id}',
  '200 GET /rounds?agreementId={id}',
  '201 POST /negotiations',
  '200 GET /negotiations?agreementId={id}',
  '409 DELETE /agreements/{id}',
  '201 POST /persons',
  '200 GET /persons?status=exchanged&side=ukraine',
  '200 GET /persons?category=severely_wounded&limit=50',
  '200 GET /rounds/{id}/persons',
  '401 GET /rounds/{id}/persons',
  '409 DELETE /rounds/{id}',
  '200 GET /stats',
  '200 POST /stats/refresh',
  '204 DELETE /persons/{id}',
  '204 DELETE /repatriations/{id}',
  '204 DELETE /rounds/{id}',
  '204 DELETE /rounds/{id}',
  '204 DELETE /negotiations/{id}',
  '204 DELETE /agreements/{id}',
  '404 GET /rounds/{id}',
  '200 GET /audit?entity=rounds&id={id}',
];

describe('docs/walkthrough.sh', () => {
  it('runs every step, in order, with the status the contract gives', async () => {
    const run = await promisify(execFile)('bash', ['docs/walkthrough.sh'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(api.port) },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    const steps = [...run.stdout.matchAll(/^==> (\d{3}) (\S+) (\S+)$/gm)].map(([, status, method, path]) =>
      `${status} ${method} ${path!.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '{id}').replace(/cursor=[^&]+/, 'cursor={cursor}')}`,
    );
    expect(steps, `${run.stderr}\n${api.output()}`).toEqual(EXPECTED_STEPS);
    expect('code' in run ? run.code : 0, run.stderr).toBe(0);
    expect(run.stdout).toContain('Idempotent-Replayed: true');
    expect(api.output()).not.toMatch(/"level":"(warn|error)"/);
  });

  it('says what to do when no API answers', async () => {
    const port = String(await freePort());
    const run = await promisify(execFile)('bash', ['docs/walkthrough.sh'], { cwd: projectRoot, env: { ...process.env, PORT: port } }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect('code' in run && run.code).toBe(1);
    expect(run.stderr).toContain('npm start');
  });
});

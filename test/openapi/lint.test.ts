/** The document passes Redocly's recommended rules (redocly.yaml), run offline as a user would. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const projectRoot = new URL('../../', import.meta.url).pathname;

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

describe('redocly lint docs/openapi.json', () => {
  it('finds no errors and no warnings', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const result = await run('node_modules/.bin/redocly', ['lint', 'docs/openapi.json', '--format=json'], { cwd: projectRoot, env, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: error.stdout ?? '', stderr: `${error.stderr ?? ''} (exit ${error.code})` }),
    );
    const json = result.stdout.slice(result.stdout.indexOf('{'));
    const report = JSON.parse(json) as LintReport;
    const listed = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`).join('\n');
    expect(report.totals.errors, listed || result.stderr).toBe(0);
    expect(report.totals.warnings, listed).toBe(0);
  });
});

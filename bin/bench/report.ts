/**
 * The report: one table (figure, measured, budget, verdict) printed at the end of a run and
 * written to docs/benchmarks.md with the machine and each section's details. The generated part
 * of the file sits between two markers; whatever follows them (the design changes with their
 * before/after figures) is kept as written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from './machine';

export type Verdict = 'met' | 'missed';

export interface Row {
  readonly figure: string;
  readonly measured: string;
  readonly budget: string;
  readonly verdict: Verdict;
}

export interface SectionResult {
  readonly id: string;
  readonly rows: readonly Row[];
  /** Markdown: how the figure was measured and the per-function or per-route figures. */
  readonly details: string;
}

export const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside the markers) -->';
export const END = '<!-- bench:end -->';

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function resultsTable(sections: readonly SectionResult[]): string {
  return markdownTable(
    ['figure', 'measured', 'budget', 'verdict'],
    sections.flatMap((section) => section.rows.map((row) => [row.figure, row.measured, row.budget, row.verdict === 'met' ? 'met' : '**missed**'])),
  );
}

export function machineTable(machine: Machine, runSeconds: number, mode: string, loadAtEnd: number): string {
  return markdownTable(
    ['', ''],
    [
      ['CPU', machine.cpu],
      ['cores', String(machine.cores)],
      ['memory', machine.memory],
      ['OS', machine.os],
      ['Node', machine.node],
      ['Java', machine.java],
      ['DynamoDB Local', machine.dynamoDbLocal],
      ['date', machine.date],
      ['load average (1 min)', `${machine.loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end`],
      ['run', `${mode}, ${runSeconds.toFixed(0)} s in all`],
    ],
  );
}

export function generatedPart(sections: readonly SectionResult[], machine: Machine, runSeconds: number, mode: string, loadAtEnd: number): string {
  return [
    BEGIN,
    '## Results',
    '',
    resultsTable(sections),
    '',
    '## Machine',
    '',
    machineTable(machine, runSeconds, mode, loadAtEnd),
    '',
    ...sections.flatMap((section) => [section.details.trim(), '']),
    END,
  ].join('\n');
}

const HEADER = `# Benchmarks

Speed is measured by a benchmark that prints figures, not by timed tests: \`npm run bench\`
(\`tsx bin/bench.ts\`) measures every performance budget on this machine, prints the results table
and rewrites the part of this file between the markers. Everything runs on loopback: DynamoDB Local
(in memory), the project's own local server and handlers, and the bundles that \`cdk synth\` makes.
KB is 1,000 bytes throughout.
`;

/** Replaces the generated part of the file (or writes the file), keeping what surrounds the markers. */
export function writeReport(path: string, generated: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    begin >= 0 && end > begin
      ? `${current.slice(0, begin)}${generated}${current.slice(end + END.length)}`
      : `${current.trim() ? `${current.trimEnd()}\n\n` : `${HEADER}\n`}${generated}\n`;
  writeFileSync(path, next);
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. Each row keeps its line number. */
export interface CsvRow {
  readonly line: number;
  readonly values: Record<string, string>;
}

function* records(text: string): Generator<{ line: number; fields: string[] }> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') yield { line: startLine, fields };
      fields = [];
      field = '';
      line++;
      startLine = line;
    } else field += char;
  }
  fields.push(field);
  if (fields.length > 1 || fields[0] !== '') yield { line: startLine, fields };
}

export function parseCsv(text: string): { header: string[]; rows: CsvRow[] } {
  const all = [...records(text.replace(/^\uFEFF/, ''))];
  const header = all.shift()?.fields ?? [];
  return {
    header,
    rows: all.map(({ line, fields }) => ({
      line,
      values: Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])),
    })),
  };
}

/** docs/openapi.json is exactly what the code generates: a stale document fails the suite. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderOpenApiDocument } from '../../bin/openapi/document';

const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');

describe('docs/openapi.json', () => {
  it('is what `npm run openapi` generates from the current code', async () => {
    const generated = await renderOpenApiDocument();
    const stale = 'docs/openapi.json is stale against the code: run `npm run openapi` and commit the result';
    expect(JSON.parse(committed), stale).toEqual(JSON.parse(generated));
    expect(committed === generated, stale).toBe(true);
  });

  it('is generated the same way twice (no timestamps, stable order)', async () => {
    expect(await renderOpenApiDocument()).toBe(await renderOpenApiDocument());
  });
});

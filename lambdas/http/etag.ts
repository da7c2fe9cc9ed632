/** ETags are the record's version: `"3"`. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * Reads If-Match (`"3"`, `W/"3"`, a list of them, or `*`) into a test of the current version.
 * Undefined when the header is absent: the write is then unconditional for the client but still
 * conditional on the version it read, so concurrent writers never lose an update.
 */
export function parseIfMatch(header: string | undefined): ((version: number) => boolean) | undefined {
  if (header === undefined) return undefined;
  const tags = header.split(',').map((tag) => tag.trim());
  if (tags.includes('*')) return () => true;
  const versions = new Set(tags.map((tag) => tag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1')));
  return (version) => versions.has(String(version));
}

/**
 * Elements built from data without innerHTML: every string from the API becomes a text node or an
 * attribute value, never markup.
 */
export type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element;
}

const numberFormat = new Intl.NumberFormat('en-GB');
export const formatNumber = (n: number) => numberFormat.format(n);

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
/** `2025-10-02` → `2 Oct 2025` (the date as recorded, UTC: no shift by the reader's time zone). */
export function formatDate(date: string): string {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dateFormat.format(parsed);
}

export const time = (date: string) => h('time', { datetime: date.slice(0, 10) }, formatDate(date));

/** A source as a link: its publisher, or the URL's host. Only http(s) URLs become links. */
export function sourceLink(source: { url: string; publisher?: string }): HTMLElement {
  let host = source.url;
  let safe = false;
  try {
    const url = new URL(source.url);
    host = url.hostname.replace(/^www\./, '');
    safe = url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    // Not a URL: shown as text.
  }
  const label = source.publisher ?? host;
  return safe ? h('a', { href: source.url, rel: 'noopener noreferrer external', class: 'source' }, label) : h('span', { class: 'source' }, label);
}

/** "Sources: a, b, c" or nothing. */
export function sourceList(sources: readonly { url: string; publisher?: string }[] | undefined, label = 'Sources'): HTMLElement | null {
  if (!sources?.length) return null;
  const items: Child[] = [];
  sources.forEach((source, i) => {
    if (i > 0) items.push(', ');
    items.push(sourceLink(source));
  });
  return h('p', { class: 'sources' }, `${label}: `, items);
}

/**
 * HTML building with one escape rule. Every template writes its markup with the `html` tag:
 * interpolated values are escaped unless they are `Html` (already built by `html` or taken
 * from a template), so a document's text — untrusted — can never become markup.
 */

/** Markup that is safe to put in a page as is: only `html` and `raw` make it. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value a template may interpolate: text (escaped), markup, a list of either, or nothing. */
export type Part = Html | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The escape helper: text for an element's content or a quoted attribute value. */
const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // most of a Chinese document has nothing to escape: a test is cheaper than a replace
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text;
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** The template tag: `html\`<p title="${title}">${text}</p>\`` escapes `title` and `text`. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup built by code that escaped every piece of text itself through `escapeHtml` (the document view). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** Parts joined, each escaped as `html` would. */
export function join(parts: readonly Part[], separator: Part = ''): Html {
  const out: string[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(render(separator));
    out.push(render(p));
  });
  return new Html(out.join(''));
}

/** A URL with query parameters (empty values left out): `/search?q=…&dept=…`. */
export function url(pathname: string, params: Record<string, string | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  const s = query.toString();
  return s ? `${pathname}?${s}` : pathname;
}

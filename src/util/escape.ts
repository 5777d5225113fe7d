/**
 * Document text in Markdown and HTML outputs (sheets' index.md, the comparison's Markdown, any HTML):
 * the text of a 公文 is data, never markup. A task titled `<script>alert(1)</script>` or
 * `<img src=x onerror=…>` must show as those characters, not run or render, wherever the
 * Markdown is viewed (most viewers pass inline HTML through). One helper for each format.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]);
}

/**
 * Text for inline Markdown (a table cell, a heading, a list item): HTML's < > & as entities
 * (no tag or entity of the text survives), the marks of emphasis, code, links and tables
 * backslash-escaped, line breaks as spaces (a cell or a heading is one line). A number with
 * a period at the start ("12. ") is escaped too, or it would open an ordered list.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|]/g, '\\$&')
    .replace(/[&<>]/g, (c) => HTML[c])
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/^(\s*)([#+-]|\d+[.)])(?=\s|$)/, (_m, space: string, mark: string) => `${space}${mark.replace(/([#+\-.)])$/, '\\$1')}`);
}

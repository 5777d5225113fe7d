import type { Nodes, Paragraph, Heading, Text } from 'mdast';

/**
 * The plain text of a paragraph or heading, with the source offset of every character, so that
 * matches found in the text (a clause, a target, a name) map back to exact positions even when
 * the Markdown source has markup or escapes between them.
 */
export interface InlineText {
  text: string;
  /** offsets[i] = source offset of text[i]; offsets[text.length] = end offset. */
  offsets: number[];
}

export function inlineText(node: Paragraph | Heading | Nodes, doc: string): InlineText {
  const parts: InlineText[] = [];
  collect(node, doc, parts);
  let text = '';
  const offsets: number[] = [];
  for (const p of parts) {
    text += p.text;
    offsets.push(...p.offsets.slice(0, p.text.length));
  }
  const last = parts[parts.length - 1];
  offsets.push(last ? last.offsets[last.text.length] : (node.position?.end.offset ?? 0));
  return { text, offsets };
}

function collect(node: Nodes, doc: string, out: InlineText[]): void {
  if (node.type === 'text' || node.type === 'inlineCode') {
    out.push(align((node as Text).value, doc, node.position?.start.offset ?? 0, node.position?.end.offset ?? 0));
    return;
  }
  if (node.type === 'break') return;
  if ('children' in node) for (const child of node.children) collect(child as Nodes, doc, out);
}

/**
 * Map a node's value onto its source slice. Plain-text nodes are exact slices; Markdown text
 * may drop escapes and line-leading spaces, which the walk skips over.
 */
export function align(value: string, doc: string, start: number, end: number): InlineText {
  const offsets: number[] = new Array(value.length + 1);
  if (doc.slice(start, end) === value) {
    for (let i = 0; i <= value.length; i++) offsets[i] = start + i;
    return { text: value, offsets };
  }
  let s = start;
  for (let i = 0; i < value.length; i++) {
    while (s < end && doc[s] !== value[i] && (/\s/.test(doc[s]) || doc[s] === '\\' || doc[s] === '>')) s++;
    offsets[i] = Math.min(s, end);
    if (s < end && doc[s] === value[i]) s++;
    else if (s < end) s++;
  }
  offsets[value.length] = end;
  return { text: value, offsets };
}

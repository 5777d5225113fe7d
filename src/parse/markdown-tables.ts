import type { Processor } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';

/**
 * GFM pipe tables for remark-parse, without the rest of GFM. Policy documents need tables;
 * autolink literals, footnotes and strikethrough cost a third of parse time (measured on the
 * scale corpus) and add nothing to a 公文.
 */
export function remarkTables(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { gongwenParse } from './gongwen.js';
import { header } from './header.js';
import { remarkPandocBlocks, remarkTables } from './markdown-tables.js';
import { outline } from './outline.js';

export { gongwenParse } from './gongwen.js';
export { header } from './header.js';
export { type InlineText, inlineText } from './inline.js';
export { LineIndex } from './location.js';
export { remarkTables } from './markdown-tables.js';
export { type OutlineMark, outline, type SectionData, type SectionNode, titleOf } from './outline.js';

/** Plain-text 公文 → mdast, with the outline nested into `section` nodes. */
export const textProcessor = unified().use(gongwenParse).use(outline).use(header).freeze();
/** Markdown → mdast (remark-parse + GFM pipe tables, pandoc's grid and simple tables), then the same outline recognition. */
export const markdownProcessor = unified().use(remarkParse).use(remarkTables).use(remarkPandocBlocks).use(outline).use(header).freeze();

/** Parse a decoded file (see read/) into mdast; every node carries its position. */
export function parse(file: VFile): Root {
  // a converted format (HTML, Word …) is text, unless its converter wrote Markdown
  const asMarkdown = file.data.converted ? file.data.converted.parseAs === 'markdown' : file.data.source?.format === 'markdown';
  const processor = asMarkdown ? markdownProcessor : textProcessor;
  return processor.runSync(processor.parse(file), file) as Root;
}

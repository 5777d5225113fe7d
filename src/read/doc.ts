import WordExtractor from 'word-extractor';
import { ConversionError, type ConvertedText } from './converted.js';
import { TextLines } from './lines.js';

/**
 * A binary Word (.doc) or WPS (.wps) document → text, by word-extractor: the body only
 * (headers, footers, footnotes, comments and text boxes are left out). Paragraphs come one a
 * line; a table's cells end with a cell mark, which word-extractor gives as a tab, and a row
 * with one more: a row's cells are put on one line split by tabs. Word's automatic numbering
 * is not in the binary text and is not reconstructed.
 */
export async function docToText(bytes: Uint8Array): Promise<ConvertedText> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // filterUnicode: false keeps — “ ” as written (the default makes them - and ")
    body = (doc.getBody as (options: { filterUnicode: boolean }) => string)({ filterUnicode: false });
  } catch (error) {
    throw new ConversionError('damaged', `a damaged Word/WPS binary document (${(error as Error).message.split('\n')[0]})`);
  }
  const out = new TextLines();
  for (const line of body.split(/\r\n|\r|\n/)) {
    if (line.includes('\t')) {
      // table rows: each cell closed by a tab, each row by one more
      const rows = line.split(/\t\t(?=[^\t]|$)/).filter((r) => r.trim() !== '');
      for (const row of rows) out.row(row.replace(/\t$/, '').split('\t'));
    } else {
      out.inline(line);
      out.endBlock();
    }
  }
  const text = out.finish();
  if (!/[\u3400-\u9fff]/.test(text) && text.trim().length === 0) throw new ConversionError('no-text', 'a Word/WPS document without text (only images?)');
  return { text };
}

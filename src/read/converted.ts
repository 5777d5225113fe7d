/**
 * What a format converter (HTML, Word, PDF, OFD …) gives the pipeline: the text the reader
 * works on — saved beside the model as source.txt, and every position refers to it — plus,
 * for paged sources, where each page starts. The converted text then goes through the same
 * 公文 text parser as a .txt file (or the Markdown parser where `parseAs` says so).
 */
export interface ConvertedText {
  /** The text the parser reads: one paragraph a line, table rows one a line with cells split by tabs. */
  text: string;
  /** `markdown` when the converter wrote Markdown; default `text`. */
  parseAs?: 'text' | 'markdown';
  /** For PDF and OFD: the offset in `text` where each page starts (page 1 at index 0). */
  pages?: number[];
  /** Metadata the container itself states (an HTML page's info table, a Word file's core properties). */
  meta?: Partial<Record<'title' | 'issuer' | 'docNumber' | 'date', string>>;
  /** Problems worth a warning that do not stop the reading (a table flattened, an image skipped). */
  warnings?: string[];
  /** The encoding of the container's text, where it had one (an HTML page's charset). */
  encoding?: string;
}

/** Why a file in a supported format cannot be read. */
export type ConversionProblem =
  | 'damaged' // not a valid file of its kind (a broken ZIP, a truncated PDF)
  | 'encrypted' // password-protected
  | 'no-text' // no text layer (a scan: needs OCR), or only images
  | 'too-large' // past the page or size limit
  | 'no-document' // readable, but holds no document text (an HTML page of links only)
  | 'needs-tool'; // read through a program that is not installed (LibreOffice for .xls/.et)

/** A converter's typed failure; read/ words it with the file's name for the user. */
export class ConversionError extends Error {
  constructor(
    readonly problem: ConversionProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

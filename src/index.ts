/**
 * The library API: the same pipeline the `policy` CLI runs, for other programs.
 *   read   → readDocument / decodeBytes: bytes to a VFile, encoding detected
 *   parse  → parse: VFile to mdast (公文 text or Markdown), outline nested into sections
 *   extract→ extract: mdast to the PolicyDocument model
 *   ingestFile / ingestText: all three at once
 */
export * from './model/types.js';
export { UserError, DamagedDocumentError, InterruptedError } from './model/errors.js';
export {
  saveDocument,
  loadDocument,
  loadDocuments,
  loadAllDocuments,
  listDocumentIds,
  documentPath,
  onLoadProblem,
  reportLoadProblems,
  attachSourceText,
  sourceTextOf,
  SOURCE_TEXT_FILE,
  type LoadProblemListener,
} from './model/store.js';
export { AliasTable, defaultAliases, splitLevel } from './model/departments.js';
export { normalizeForMatch } from './model/normalize.js';
export { headingText, sectionHeading, sectionTrail, taskHeading, taskLabel, SECTION_SEPARATOR } from './model/headings.js';
export { readDocument, decodeToFile, convertToFile, formatOf, isTextFormat, sniff } from './read/read.js';
export { ConversionError, type ConvertedText, type ConversionProblem } from './read/converted.js';
export { decodeBytes, DecodeError, type Decoded } from './read/decode.js';
export { parse, textProcessor, markdownProcessor, gongwenParse, outline, header } from './parse/index.js';
export { extract, extractors, documentId, type ExtractOptions } from './extract/index.js';
export { ingestFile, ingestText, ingestBytes, ingestAnyBytes, ingestVFile, type IngestOptions } from './ingest.js';
export {
  PlanComparer,
  comparePlans,
  DEFAULT_THRESHOLDS,
  type CompareOptions,
  type Comparison,
  type TaskAlignment,
  type Match as ComparisonMatch,
  type Gap as CoverageGap,
  type SectionCoverage,
  type Verdict,
  type CoverageStatus,
} from './compare/compare.js';
export { formatTerminal as formatComparisonText, formatMarkdown as formatComparisonMarkdown } from './compare/format.js';
export { renderComparisonPdf, type ComparisonPdfOptions } from './compare/pdf.js';
export { matchIndicators, indicatorNameSimilarity, type IndicatorPair } from './compare/indicators.js';
export { matchTargets, TARGET_THRESHOLD, type TargetPair, type TargetSide } from './compare/targets.js';
export { citesTitle, titleKey as citationTitleKey } from './compare/references.js';
export { TfIdfSpace, type TokenSource } from './compare/similarity.js';
export { SearchIndex, UNIT_KINDS, type SearchOptions, type SearchHit, type SearchResult, type BuildOptions as SearchBuildOptions } from './search/search-index.js';
export { writeSearchIndex, loadSearchIndex, saveSearchIndex, indexPath as searchIndexPath, INDEX_FILE as SEARCH_INDEX_FILE } from './search/store.js';
export { getTokenizer, normalizeText, type Tokenizer, type TokenizerOptions } from './search/tokenizer.js';
export { Thesaurus, ThesaurusError, THESAURUS_FILE, type ThesaurusJSON, type ThesaurusGroup } from './search/thesaurus.js';
export { documentUnits, type SearchUnit } from './search/units.js';
export { parseQuery, MAX_QUERY_LENGTH, type ParsedQuery } from './search/query.js';
export { makeSnippet, type Snippet } from './search/snippet.js';
export { documentUnits as comparisonUnits, type Unit as ComparisonUnit, type UnitKind as ComparisonUnitKind } from './compare/units.js';
export {
  PolicyPdf,
  resolveFonts,
  onMissingGlyph,
  creationDate,
  breakLines,
  CLOSING_PUNCTUATION,
  OPENING_PUNCTUATION,
  GB_MARGINS,
  type PdfOptions,
  type FontSet,
  type FontOptions,
  type MissingGlyph,
  type Face as PdfFace,
  type Column as PdfColumn,
  type TableOptions as PdfTableOptions,
} from './report/pdf.js';
export { buildSheet, indicatorMatch, type SheetData, type SheetTask, type IndicatorLink } from './report/sheet-data.js';
export { renderSheet, type RenderOptions, type RenderedPdf } from './report/sheet.js';
export { writeSheets, type SheetIndex, type SheetIndexEntry } from './report/sheets.js';
export { buildMatrix, renderMatrix, type Matrix, type MatrixRow } from './report/matrix.js';
export { renderIndicators } from './report/indicators.js';
export { taskRows, toCsv, toXlsx, TASK_COLUMNS, PAGE_COLUMN, type TaskRow } from './report/export.js';
export { pageLocator, pageText, type PageSpan } from './model/pages.js';
export { safeFileName, FileNamer, insideDir } from './report/filenames.js';
export * from './select/index.js';

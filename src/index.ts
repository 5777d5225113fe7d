/**
 * The library API: the same pipeline the `policy` CLI runs, for other programs.
 *   read   → readDocument / decodeBytes: bytes to a VFile, encoding detected
 *   parse  → parse: VFile to mdast (公文 text or Markdown), outline nested into sections
 *   extract→ extract: mdast to the PolicyDocument model
 *   ingestFile / ingestText: all three at once
 */

export {
  type CompareOptions,
  type Comparison,
  type CoverageStatus,
  comparePlans,
  DEFAULT_THRESHOLDS,
  type Gap as CoverageGap,
  type Match as ComparisonMatch,
  PlanComparer,
  type SectionCoverage,
  type TaskAlignment,
  type Verdict,
} from './compare/compare.js';
export {
  formatJson as formatComparisonJson,
  formatMarkdown as formatComparisonMarkdown,
  formatTerminal as formatComparisonText,
} from './compare/format.js';
export { type IndicatorPair, indicatorNameSimilarity, matchIndicators } from './compare/indicators.js';
export { type ComparisonPdfOptions, renderComparisonPdf } from './compare/pdf.js';
export { citesTitle, titleKey as citationTitleKey } from './compare/references.js';
export { TfIdfSpace, type TokenSource } from './compare/similarity.js';
export { matchTargets, TARGET_THRESHOLD, type TargetPair, type TargetSide } from './compare/targets.js';
export { documentUnits as comparisonUnits, type Unit as ComparisonUnit, type UnitKind as ComparisonUnitKind } from './compare/units.js';
export { documentId, type ExtractOptions, extract, extractors } from './extract/index.js';
export { type IngestOptions, ingestAnyBytes, ingestBytes, ingestFile, ingestText, ingestVFile } from './ingest.js';
export { AliasTable, defaultAliases, splitLevel } from './model/departments.js';
export { DamagedDocumentError, InterruptedError, UserError } from './model/errors.js';
export { headingText, SECTION_SEPARATOR, sectionHeading, sectionTrail, taskHeading, taskLabel } from './model/headings.js';
export { normalizeForMatch } from './model/normalize.js';
export { type PageSpan, pageLocator, pageText } from './model/pages.js';
export {
  attachSourceText,
  documentPath,
  type LoadProblemListener,
  listDocumentIds,
  loadAllDocuments,
  loadDocument,
  loadDocuments,
  onLoadProblem,
  reportLoadProblems,
  SOURCE_TEXT_FILE,
  saveDocument,
  sourceTextOf,
} from './model/store.js';
export * from './model/types.js';
export { gongwenParse, header, markdownProcessor, outline, parse, textProcessor } from './parse/index.js';
export { ConversionError, type ConversionProblem, type ConvertedText } from './read/converted.js';
export { type Decoded, DecodeError, decodeBytes } from './read/decode.js';
export { convertToFile, decodeToFile, formatOf, isTextFormat, readDocument, sniff } from './read/read.js';
export { creationDate } from './report/dates.js';
export { PAGE_COLUMN, TASK_COLUMNS, type TaskRow, taskRows, toCsv, toXlsx } from './report/export.js';
export { FileNamer, insideDir, safeFileName } from './report/filenames.js';
export { renderIndicators } from './report/indicators.js';
export { buildMatrix, type Matrix, type MatrixRow, renderMatrix } from './report/matrix.js';
export { type Column as PdfColumn, GB_MARGINS, type PdfOptions, PolicyPdf, type TableOptions as PdfTableOptions } from './report/pdf/document.js';
export { type Face as PdfFace, type FontOptions, type FontSet, type MissingGlyph, onMissingGlyph, resolveFonts } from './report/pdf/fonts.js';
export { breakLines, CLOSING_PUNCTUATION, OPENING_PUNCTUATION } from './report/pdf/line-break.js';
export { type RenderedPdf, type RenderOptions, renderSheet } from './report/sheet.js';
export { buildSheet, type IndicatorLink, indicatorMatch, type SheetData, type SheetTask } from './report/sheet-data.js';
export { type SheetIndex, type SheetIndexEntry, writeSheets } from './report/sheets.js';
export { formatTaskList, listTasks, type TaskList, type TaskListRow, taskListJson } from './report/task-list.js';
export { formatJson as formatSearchJson, formatText as formatSearchText, type SearchFilters } from './search/format.js';
export { MAX_QUERY_LENGTH, type ParsedQuery, parseQuery } from './search/query.js';
export {
  type BuildOptions as SearchBuildOptions,
  type SearchHit,
  SearchIndex,
  type SearchOptions,
  type SearchResult,
  UNIT_KINDS,
} from './search/search-index.js';
export { makeSnippet, type Snippet } from './search/snippet.js';
export { INDEX_FILE as SEARCH_INDEX_FILE, indexPath as searchIndexPath, loadSearchIndex, saveSearchIndex, writeSearchIndex } from './search/store.js';
export { THESAURUS_FILE, Thesaurus, ThesaurusError, type ThesaurusGroup, type ThesaurusJSON } from './search/thesaurus.js';
export { getTokenizer, normalizeText, type Tokenizer, type TokenizerOptions } from './search/tokenizer.js';
export { documentUnits, type SearchUnit } from './search/units.js';
export * from './select/index.js';

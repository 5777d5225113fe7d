/**
 * The document model: the one contract between the pipeline (read → parse → extract)
 * and its consumers (search, reports, comparison). Consumers read these objects; they never
 * re-parse the source text. `schema/document.schema.json` describes the same shape for
 * other languages; `test/model/schema.test.ts` keeps the two in step.
 *
 * Positions follow unist: lines and columns are 1-based, offsets are 0-based UTF-16 code
 * unit offsets into the decoded original text (before any full-width normalisation).
 */

/**
 * 4: indicators carry `growth` and `extra`, quantities `cumulative`. 3: tasks carry `deadline`
 * (完成时限). 2: tasks carry `label` and `outlineId`.
 */
export const SCHEMA_VERSION = 4;

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Position {
  start: Point;
  end: Point;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found while reading a document. Never thrown: carried in the model. */
export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `count-mismatch`, `missing-assignment`, `unbalanced-brackets`. */
  rule: string;
  message: string;
  line: number;
  column: number;
}

export interface SourceInfo {
  /** Path as given to `ingest`. */
  path: string;
  fileName: string;
  /** Detected encoding: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030`, `big5`; for a web page its charset; `utf-8` for .docx and .xlsx, `binary` for .doc/.wps/.xls/.et; for .csv its detected encoding. */
  encoding: string;
  /** Original line ending style: `lf`, `crlf`, `cr` or `mixed`; `lf` for a converted format (the text in `source.txt`). */
  lineEnding: string;
  /** The format of the original file. For every format but text and markdown, the text read is the converted text saved beside the model as `source.txt`, and every position refers to it. */
  format: 'text' | 'markdown' | 'html' | 'docx' | 'doc' | 'wps' | 'pdf' | 'ofd' | 'xlsx' | 'xls' | 'et' | 'csv';
  bytes: number;
  /** sha256 of the raw bytes, hex. */
  sha256: string;
}

/** A node of the outline: 第一章 / 一、 / （一） / 1. / （1） / ① … */
export interface Section {
  /** Unique within the document: `s1`, `s1.2`, `s1.2.3` (outline ordinals joined). */
  id: string;
  /** The numbering as written, without punctuation: `一`, `（一）` → `一`, `第三章` → `三`, `1`. */
  number: string;
  /** The numbering label as written in the text: `一、`, `（一）`, `第三章`, `1.`. */
  label: string;
  /** Numbering style: `chapter`, `section-cn` (第X节), `article` (第X条), `cn` (一、), `paren-cn` （一）, `arabic` (1.), `paren-arabic` （1）, `circled` ①, `group-action` / `group-task` / `group-project` (行动一：, 任务一、, 工程一：), `heading` (Markdown #), `box` (专栏). */
  style: string;
  /** Ordinal of the number (一 → 1, ③ → 3). */
  ordinal: number;
  title: string;
  /** Depth in the outline, 1 for the top. */
  level: number;
  parent: string | null;
  /** Titles from the top of the outline down to this section. */
  path: string[];
  /** The text that belongs to this section itself (its heading line and its own paragraphs, not its subsections). */
  text: string;
  position: Position;
}

/** What a paragraph is, for search and for comparison. */
export type ParagraphKind =
  | 'task'
  | 'principle'
  | 'goal'
  | 'guidance'
  | 'measure'
  | 'indicator'
  | 'box'
  | 'header'
  /** the clutter of a page copied from a website: breadcrumb, 来源/发布时间 line, toolbar, footer */
  | 'web'
  | 'paragraph';

/** A unit of prose: one paragraph, or one outline item with its text. */
export interface Paragraph {
  id: string;
  kind: ParagraphKind;
  /** Section that holds it (`null` for the header block before the outline). */
  section: string | null;
  /** Task number where this paragraph is (part of) a task. */
  task: string | null;
  text: string;
  position: Position;
  /** Page (1-based) where it starts, for a paged source (PDF, OFD). */
  page?: number;
}

export type Role = 'lead' | 'responsible';

/** One unit named in a task's assignment clause. */
export interface Assignment {
  role: Role;
  /** The label that introduced it: 牵头单位, 责任单位, 配合单位, 牵头, 负责 … */
  label: string;
  /** Name as written. */
  raw: string;
  /** Canonical department name (the `name` of an entry in `departments`). */
  name: string;
}

export interface Task {
  /**
   * The task number, unique within the document: as written (`1`, `16`, `三`); where items' numbers
   * repeat, the document's own numbers from the item up, as few as keep tasks apart (`4.2.2`).
   */
  number: string;
  /** The numbering as the document writes it: `（三）`, `12.`, `16` (a bare number); for headings and sheets. */
  label: string;
  /** Id of the task's own outline item in `sections` (`s4.2.1`); empty for a row of a task table. */
  outlineId: string;
  ordinal: number;
  /** First sentence, without its closing 。 */
  title: string;
  /** Full text of the task, assignment clause included. */
  text: string;
  /** Id of the section that holds the task. */
  section: string | null;
  /** Titles of the enclosing sections, top first. */
  sectionPath: string[];
  /** Canonical names of the lead units (牵头单位). */
  lead: string[];
  /** Canonical names of the responsible / supporting units (责任单位, 配合单位 …). */
  responsible: string[];
  assignments: Assignment[];
  /** The assignment clause as written, or null when the task has none. */
  clause: { raw: string; position: Position } | null;
  /**
   * The deadline (完成时限) as written — 2025年12月底前, 长期坚持 — from the clause or from a
   * task table's 完成时限 column; null when the document gives none.
   */
  deadline: string | null;
  position: Position;
}

export type DepartmentKind = 'department' | 'party' | 'township' | 'enterprise' | 'bank' | 'agency' | 'government' | 'other';

export interface Mention {
  /** The name as written. */
  raw: string;
  section: string | null;
  /** The sentence around the mention. */
  context: string;
  position: Position;
}

export interface Department {
  /** Canonical name: the fullest form written in the document after alias folding. */
  name: string;
  /** Other names that mean the same unit (written forms and known abbreviations). */
  aliases: string[];
  kind: DepartmentKind;
  /** Numbers of the tasks this unit leads (牵头). */
  lead: string[];
  /** Numbers of the tasks this unit is responsible for or supports. */
  responsible: string[];
  /** Mentions outside assignment clauses (e.g. 办公室设在县发展改革委). */
  mentions: Mention[];
}

export type Comparator = '=' | '>=' | '<=' | '>' | '<' | '~';

export interface Quantity {
  year: number | null;
  /** As written: `≦5.7`, `—`, `2.56:1`. */
  raw: string;
  /** Numeric value; a ratio a:b gives a/b; `null` when there is none (—). */
  value: number | null;
  comparator: Comparator | null;
  /** A total over the plan period (累计) — `[4.5]`, `〔28〕` by the 规划 convention, or a cell of a 累计 column — not a level in one year. */
  cumulative: boolean;
}

/** A cell of an indicator table's growth column: 年均增长 / 年均增速 (a rate a year) or 累计 (over the plan period). */
export interface Growth {
  /** The column's header as written: `年均增长`, `年均增速（%）`, `五年累计`. */
  column: string;
  /** As written: `5.5左右`, `>6`, `[4.5]`, `与经济增长同步`, `—`. */
  raw: string;
  /** Numeric value; `null` for a cell without a number (—, 与经济增长同步). */
  value: number | null;
  comparator: Comparator | null;
  /** A total over the plan period (`[4.5]`, `〔15〕`, or a 累计 column), not a rate a year. */
  cumulative: boolean;
}

/** A cell of a column the extractor does not read (备注, 责任单位 …), kept as written. */
export interface IndicatorCell {
  /** The column's header as written (`第6列` when the header cell is empty). */
  column: string;
  raw: string;
}

export interface Indicator {
  number: string;
  name: string;
  /** Unit from the name's brackets (`％` → `%`) or a unit column. */
  unit: string | null;
  /** Group heading where the table has one (经济发展, 民生福祉 …). */
  category: string | null;
  baseline: Quantity | null;
  /** The first target column. */
  target: Quantity | null;
  /** Every target column, in table order (tables of national plans carry several years). */
  targets: Quantity[];
  /** The growth column's cell (年均增长, 年均增速, 累计), or null when the table has none. */
  growth: Growth | null;
  /** 预期性 (expected) or 约束性 (binding). */
  attribute: string | null;
  /** The row's non-empty cells in the table's other columns, in table order: nothing of a row is dropped. */
  extra: IndicatorCell[];
  /** Title of the table. */
  table: string | null;
  position: Position;
}

/** A quantitative target stated in prose: 城区公交站点500米覆盖率达到90%. */
export interface Target {
  metric: string;
  value: number;
  unit: string | null;
  comparator: Comparator;
  /** The words that gave the comparator: 以上, 不低于, 左右, 达到 …; for a change (下降10个百分点, 增长8%) its verb; 全覆盖, 翻一番. */
  comparatorText: string | null;
  /** The upper bound of a range (5%—8%: `value` 5, `comparator` `>=`, `upper` 8); null when the figure is no range. */
  upper: number | null;
  year: number | null;
  raw: string;
  sentence: string;
  section: string | null;
  task: string | null;
  position: Position;
}

/** A document cited in 《》. */
export interface Reference {
  title: string;
  section: string | null;
  position: Position;
}

/** A count the document declares about itself (27项重点工作, 八大工程) and what was found. */
export interface DeclaredCount {
  raw: string;
  /** What is counted: `tasks`, `sections`, `indicators`. */
  subject: string;
  declared: number;
  found: number;
  position: Position;
}

export interface PolicyDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  /** Derived from the file name; unique within a data folder. */
  id: string;
  source: SourceInfo;
  /** Title of the plan itself (for a 通知 that issues a plan: the plan's title). */
  title: string | null;
  /** Title of the covering notice (关于印发…的通知), when there is one. */
  noticeTitle: string | null;
  /** 通知, 实施方案, 规划, 意见 … where the title says so. */
  docType: string | null;
  /** 发文机关; the issuers of a joint document (联合发文) in the order written, joined by 、. */
  issuer: string | null;
  /** 文号, e.g. 巫溪府发〔2023〕25号. */
  docNumber: string | null;
  /** ISO date (YYYY-MM-DD) of the signature. */
  date: string | null;
  /** 主送 line. */
  recipients: string | null;
  /** 此件公开发布 and the like. */
  disclosure: string | null;
  period: { start: number; end: number } | null;
  sections: Section[];
  paragraphs: Paragraph[];
  tasks: Task[];
  departments: Department[];
  indicators: Indicator[];
  targets: Target[];
  references: Reference[];
  declaredCounts: DeclaredCount[];
  diagnostics: Diagnostic[];
}

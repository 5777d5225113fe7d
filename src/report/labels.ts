import type { PolicyDocument, Section, Task } from '../model/types.js';

/**
 * Numbering labels as the document writes them, for headings in reports, search and
 * comparison. A task's `number` is bare (`三`, `12`, `4.2.1`); its label is how the text
 * numbers it: （三）, 12., 第五条. Only the model is read (the task's own outline item is the
 * section under `task.section` with the same number and first line).
 */

/** Closing marks after which a title follows without a space: 一、 （一） ①. */
const TIGHT_END = /[、）)】〕］\]}」』①-⑳]$/u;

/** `label` and `title` as one heading: （一）推进…, 一、总体要求, 12. 推进…, 第三章 推进…. */
export function headingText(label: string, title: string): string {
  const l = label.trim();
  const t = title.trim();
  if (!l || t.startsWith(l)) return t;
  if (!t) return l;
  return TIGHT_END.test(l) ? `${l}${t}` : `${l} ${t}`;
}

/** A section's heading with its label: （七）推动城乡融合发展, 第二节 强化要素保障. */
export function sectionHeading(section: Section): string {
  return headingText(section.label, section.title);
}

/** The outline item that is the task itself, when the model has it. */
export function taskSection(doc: PolicyDocument, task: Task): Section | undefined {
  const candidates = doc.sections.filter((s) => s.parent === task.section && s.number === task.number);
  return candidates.find((s) => s.position.start.line === task.position.start.line) ?? candidates[0];
}

/** The task's label as written (（三）, 12., 第五条), or its number when the model has no outline item for it. */
export function taskLabel(doc: PolicyDocument, task: Task): string {
  const label = taskSection(doc, task)?.label.trim();
  if (label && /^\d+$/.test(label)) return `${label}.`; // a bare "16 " (bare-number warning) reads as 16.
  if (label) return label;
  // Numbers the model made unique (4.2.3 for the 3. of 第四章第二节) are shown bare.
  return task.number.includes('.') ? task.number : `${task.number}.`;
}

/** `（三）开展隐患排查整治`, `12. 推进…`: the task's heading as the document numbers it. */
export function taskHeading(doc: PolicyDocument, task: Task): string {
  return headingText(taskLabel(doc, task), task.title);
}

import type { Section, Task } from '../model/types.js';

/**
 * Numbering labels as the document writes them, for headings in reports, search and
 * comparison. A task's `number` is bare (`三`, `12`, `4.2.1`); its label is how the text
 * numbers it: （三）, 12., 第五条 — the model's `task.label`.
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

/** The task's label as written (（三）, 12., 第五条); a bare "16 " (bare-number warning) reads as 16. */
export function taskLabel(task: Task): string {
  // numbers the model made unique (4.2.3 for the 3. of 第四章第二节) say more than the label
  if (task.number.includes('.')) return task.number;
  const label = task.label.trim();
  return /^\d+$/.test(label) ? `${label}.` : label;
}

/** `（三）开展隐患排查整治`, `12. 推进…`: the task's heading as the document numbers it. */
export function taskHeading(task: Task): string {
  return headingText(taskLabel(task), task.title);
}

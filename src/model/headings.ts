import type { Section, Task } from './types.js';

/**
 * Headings as a reader sees them, shared by every consumer (reports, search, comparison, CLI):
 * numbering labels as the document writes them. A task's `number` is bare (`三`, `12`, `4.2.1`); its label is how the text
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

/** The task's label for a narrow column: （二）, 12, 4.2.1 (without the 、 or . a heading has). */
export function columnLabel(task: Task): string {
  return narrowLabel(taskLabel(task));
}

/** A task's label as taskLabel gives it (a search unit's, the store's), for a narrow column: 12. → 12. */
export function narrowLabel(label: string): string {
  return label.replace(/[、.．]$/, '');
}

/** `（三）开展隐患排查整治`, `12. 推进…`: the task's heading as the document numbers it. */
export function taskHeading(task: Task): string {
  return headingText(taskLabel(task), task.title);
}

/** Joins a section trail for display: 四、重点任务 › （一）积极构建…. */
export const SECTION_SEPARATOR = ' › ';

/** Headings of a section and its ancestors, top first, labels kept (三、 is how a reader finds it). */
export function sectionTrail(sectionId: string | null, sections: ReadonlyMap<string, Section>): string[] {
  const chain: string[] = [];
  for (let s = sectionId === null ? undefined : sections.get(sectionId); s; s = s.parent === null ? undefined : sections.get(s.parent)) {
    chain.unshift(sectionHeading(s));
  }
  return chain;
}

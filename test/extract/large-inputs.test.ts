import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * Large inputs (issue 11, item 3): extraction is linear in the length of a paragraph. A check
 * that scanned the whole text before (or after) each label or figure made one long line
 * quadratic: 10 MB on one line took about 3 minutes, nearly all of it in extraction.
 * Each case here took minutes before and takes well under a second now; the bound leaves
 * room for a slow machine.
 */
const seconds = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
};

/** One numbered task whose text is `unit` repeated to about `bytes` (one line). */
const oneTask = (unit: string, bytes: number) =>
  `某县人民政府\n某县重点工作实施方案\n\n一、重点任务\n1. 重点工作。${unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)))}\n`;

describe('one long line', () => {
  it('labels inside brackets all through a task: each label is judged by what is near it', () => {
    // 60,000 labels in one 2.6 MB task text
    const text = oneTask('推进有关工作。（牵头单位：县财政局）', 2.5e6);
    let doc!: ReturnType<typeof ingestText>;
    expect(seconds(() => (doc = ingestText(text, { fileName: 'labels.txt' })))).toBeLessThan(5);
    expect(doc.tasks).toHaveLength(1);
  });

  it('labels that start sentences: the one that is the last sentence is still the clause', () => {
    // 33,000 labels after a 。 in a 1.5 MB task text: a minute before
    const text = oneTask('推进有关工作。责任单位：县财政局。', 1.5e6).replace(/\n$/, '推进。责任单位：县交通局\n');
    let doc!: ReturnType<typeof ingestText>;
    expect(seconds(() => (doc = ingestText(text, { fileName: 'sentences.txt' })))).toBeLessThan(5);
    expect(doc.tasks[0].responsible).toEqual(['县交通局']);
  });

  it('figures far from a 分别: the list is looked for only in the figure’s own phrase', () => {
    // 64,000 figures, 1.3 MB: 24 s before
    const text = `某县实施方案\n\n一、目标\n城乡居民收入分别增长。${'全县粮食产量增长5%。'.repeat(64_000)}\n`;
    expect(seconds(() => ingestText(text, { fileName: 'figures.txt' }))).toBeLessThan(5);
  });

  it('the bundled plan as one 4 MB line (8 s before; npm run bench:robustness times 10 MB)', () => {
    const flat = readFileSync('corpus/wuxi-urbanization-plan-2021-2035.txt', 'utf8').replace(/\r?\n/g, '');
    const text = flat.repeat(Math.ceil(4e6 / Buffer.byteLength(flat)));
    let doc!: ReturnType<typeof ingestText>;
    expect(seconds(() => (doc = ingestText(text, { fileName: 'line.txt' })))).toBeLessThan(5);
    expect(doc.tasks.length).toBeGreaterThan(0);
  });
});

describe('the model of many short lines', () => {
  it('is written without indentation when large, indented otherwise (readers parse both)', async () => {
    const { modelJson, INDENT_UP_TO } = await import('../../src/model/store.js');
    const lines = ['某县人民政府', '某县重点工作实施方案', '', '一、重点任务'];
    for (let i = 1; i <= 20_000; i++) lines.push(`${i}. 第${i}项工作。`);
    const input = lines.join('\n') + '\n';
    const doc = ingestText(input, { fileName: 'lines.txt' });
    const json = modelJson(doc);
    expect(json.length).toBeGreaterThan(INDENT_UP_TO);
    expect(json).not.toContain('\n  ');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(doc)));
    // about half what it was indented (an item is a section and a paragraph, each with its position)
    expect(Buffer.byteLength(json) / Buffer.byteLength(input)).toBeLessThan(20);
    const plan = ingestText(readFileSync('corpus/wuxi-urbanization-plan-2021-2035.txt', 'utf8'), { fileName: 'wuxi.txt' });
    expect(modelJson(plan)).toBe(JSON.stringify(plan, null, 2) + '\n');
  });
});

import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { departmentListJson, formatDepartmentList } from '../../src/report/department-list.js';
import { formatIndicatorList, indicatorListJson } from '../../src/report/indicator-list.js';
import { formatTaskList, listTasks, taskListJson } from '../../src/report/task-list.js';
import { InvalidRole } from '../../src/select/index.js';
import { displayWidth } from '../../src/util/width.js';
import { WUXI_FILE } from '../helpers/fixtures.js';

/**
 * The listings of `policy tasks`, `departments` and `indicators` as library functions: pure
 * over the documents and a width, so tests (and other programs) need no terminal. The CLI's
 * own output is tested by spawning it (test/cli).
 */
describe('listings', async () => {
  const wuxi = await ingestFile(WUXI_FILE);

  it('lists every task, or those a department has, with its role', () => {
    const all = listTasks([wuxi]);
    expect(all.rows).toHaveLength(wuxi.tasks.length);
    const transport = listTasks([wuxi], { dept: '交通局' });
    expect(transport.rows.length).toBeGreaterThan(0);
    expect(transport.rows.every((r) => r.role === '牵头' || r.role === '责任')).toBe(true);
    const leads = listTasks([wuxi], { dept: '交通局', role: 'lead' });
    expect(leads.rows.every((r) => r.role === '牵头')).toBe(true);
    expect(() => listTasks([wuxi], { role: 'lead' })).toThrow(InvalidRole);
    expect(() => listTasks([wuxi], { dept: '交通局', role: 'boss' })).toThrow(InvalidRole);
  });

  it('gives the role in JSON only with a department', () => {
    const plain = JSON.parse(taskListJson(listTasks([wuxi]))) as Record<string, unknown>[];
    expect(Object.keys(plain[0])).toEqual(['doc', 'number', 'title', 'lead', 'responsible', 'deadline', 'section', 'line']);
    const withDept = JSON.parse(taskListJson(listTasks([wuxi], { dept: '交通局' }))) as Record<string, unknown>[];
    expect(Object.keys(withDept[0]).at(-1)).toBe('role');
  });

  it('fits the task table to a width, and cuts nothing without one', () => {
    const list = listTasks([wuxi], { dept: '交通局' });
    const whole = formatTaskList(list);
    expect(whole).toContain('角色');
    expect(whole.trimEnd().split('\n').at(-1)).toMatch(/^\d+ tasks of 县交通局: \d+ lead \(牵头\), \d+ responsible \(责任\)$/);
    const narrow = formatTaskList(list, { width: 80 });
    for (const line of narrow.trimEnd().split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('lists departments and indicators, as text and JSON', () => {
    expect(formatDepartmentList([wuxi]).trimEnd().split('\n').at(-1)).toBe(`${wuxi.departments.length} departments`);
    expect(JSON.parse(departmentListJson([wuxi]))).toHaveLength(wuxi.departments.length);
    expect(formatIndicatorList([wuxi]).trimEnd().split('\n').at(-1)).toBe(`${wuxi.indicators.length} indicators`);
    expect(JSON.parse(indicatorListJson([wuxi]))).toHaveLength(wuxi.indicators.length);
    const none = { ...wuxi, indicators: [] };
    expect(formatIndicatorList([none])).toBe(`${wuxi.id}: no indicators — 本文件没有指标表 (the document has no indicator table)\n`);
  });
});

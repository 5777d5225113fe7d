/** Shared by the web workbench tests: a data folder with the bundled plan, the two comparison plans and a hostile document. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingestFile } from '../../src/ingest.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { writeSearchIndex } from '../../src/search/store.js';
import { fixture, ROOT, WUXI_FILE } from './fixtures.js';

export { ROOT };
export const WUXI = WUXI_FILE;
export const QINGXI = fixture('compare', 'qingxi-urbanization-plan-2021-2035.txt');
export const YUNCHUAN = fixture('compare', 'yunchuan-urbanization-plan-2021-2035.txt');
export const HOSTILE = fixture('web', 'hostile-plan.txt');
export const HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>标题';

export interface WebData {
  dir: string;
  docs: Record<'wuxi' | 'qingxi' | 'yunchuan' | 'hostile', PolicyDocument>;
  cleanup(): Promise<void>;
}

export async function makeWebData(): Promise<WebData> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-web-'));
  const [wuxi, qingxi, yunchuan, hostile] = await Promise.all([WUXI, QINGXI, YUNCHUAN, HOSTILE].map((f) => ingestFile(f)));
  // a title as hostile as the text: the model's strings are untrusted too
  hostile.title = HOSTILE_TITLE;
  for (const d of [wuxi, qingxi, yunchuan, hostile]) await saveDocument(dir, d);
  await writeSearchIndex(dir);
  return { dir, docs: { wuxi, qingxi, yunchuan, hostile }, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

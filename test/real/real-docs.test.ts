// The real documents of ../shared/real-docs against the gold files written by hand: the totals
// `npm run eval:real` prints may rise, never fall below the levels reached (test/real/levels.json).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DocResult, evaluateAll, loadGolds, REAL_DOCS_DIR, totals } from '../../scripts/real-eval.js';

const levels = JSON.parse(readFileSync(new URL('./levels.json', import.meta.url), 'utf8')) as Record<string, number>;
const golds = loadGolds();

describe.skipIf(!existsSync(REAL_DOCS_DIR))('real documents (../shared/real-docs)', () => {
  let results: DocResult[] = [];
  it('every gold file names a document that is there', async () => {
    expect(golds.length).toBeGreaterThanOrEqual(40);
    for (const g of golds) expect(existsSync(`${REAL_DOCS_DIR}/${g.file}`), g.file).toBe(true);
    results = await evaluateAll(golds);
  }, 120_000);

  it('holds the levels reached', () => {
    const t = totals(results);
    expect(t.taskRecall).toBeGreaterThanOrEqual(levels.taskRecall);
    expect(t.leadExact).toBeGreaterThanOrEqual(levels.leadExact);
    expect(t.responsibleExact).toBeGreaterThanOrEqual(levels.responsibleExact);
    expect(t.micro.f1).toBeGreaterThanOrEqual(levels.microF1);
    expect(t.macroF1).toBeGreaterThanOrEqual(levels.macroF1);
    expect(t.macroF1Traditional).toBeGreaterThanOrEqual(levels.macroF1Traditional);
    expect(t.metadata).toBeGreaterThanOrEqual(levels.metadata);
    expect(t.noUnitDocuments.length).toBeLessThanOrEqual(levels.noUnitDocuments);
  });
});

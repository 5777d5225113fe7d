import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { SearchIndex } from '../../src/search/search-index.js';

// A paged source (PDF, OFD) gives each paragraph its page; a search hit cites the page its unit
// starts on (第N页), a text source none.
describe('search hits of a paged source cite their page', () => {
  it('a PDF task hit carries the page of its first paragraph; a .txt hit carries none', async () => {
    const pdf = await ingestFile('test/fixtures/formats/wuxi-plan.pdf');
    const txt = await ingestFile('corpus/wuxi-urbanization-plan-2021-2035.txt');
    const index = SearchIndex.build([pdf, txt]);
    const hits = index.search('宅基地', { limit: 10 }).hits;
    const fromPdf = hits.filter((h) => h.doc === pdf.id);
    expect(fromPdf.length).toBeGreaterThan(0);
    for (const h of fromPdf) {
      const task = pdf.tasks.find((t) => t.number === h.number)!;
      const first = pdf.paragraphs.filter((p) => p.position.start.offset <= task.position.start.offset).at(-1)!;
      expect(h.page).toBe(first.page);
      expect(h.page).toBeGreaterThan(1);
    }
    for (const h of hits.filter((h) => h.doc === txt.id)) expect(h.page).toBeUndefined();
  });
});

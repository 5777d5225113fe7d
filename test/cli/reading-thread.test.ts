import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentReader } from '../../src/cli/document-reader.js';
import { ingestFile } from '../../src/ingest.js';
import { AliasTable } from '../../src/model/departments.js';
import { UserError } from '../../src/model/errors.js';
import { modelJson } from '../../src/model/store.js';

// `policy ingest` of three files or more reads them in a second thread (document-reader.ts),
// here through tsx's loader as from the compiled read-worker.js: the same models, the same
// failures, in the order asked
const formats = path.resolve('test/fixtures/formats');
const files = [
  path.resolve('corpus/wuxi-urbanization-plan-2021-2035.txt'),
  path.join(formats, 'wuxi-plan.docx'),
  path.join(formats, 'wuxi-damaged.pdf'),
  path.join(formats, 'cms-page-gbk.html'),
  path.resolve('test/fixtures/pdf-pasted-notice.txt'),
];

async function inThisThread(file: string): Promise<{ json: string } | { error: Error }> {
  try {
    return { json: modelJson(await ingestFile(file, { aliases: AliasTable.load([]) })) };
  } catch (error) {
    return { error: error as Error };
  }
}

describe('the reading thread of policy ingest', () => {
  it('gives each file the model (or the failure) reading it in this thread gives, in the order asked', async () => {
    const reader = new DocumentReader(AliasTable.load([]), [], files.length);
    try {
      expect(reader.threaded).toBe(true);
      // asked all at once, as ingest asks ahead
      const settled = await Promise.allSettled(files.map((f) => reader.read(f)));
      expect(reader.threaded).toBe(true); // it did not fail over to this thread
      for (const [i, file] of files.entries()) {
        const expected = await inThisThread(file);
        const got = settled[i];
        if ('error' in expected) {
          expect(got.status, file).toBe('rejected');
          const reason = (got as PromiseRejectedResult).reason as Error;
          expect(reason.message).toBe(expected.error.message);
          expect(reason instanceof UserError).toBe(expected.error instanceof UserError);
        } else {
          expect(got.status, file).toBe('fulfilled');
          const { doc, json } = (got as PromiseFulfilledResult<{ doc: { id: string }; json: string }>).value;
          expect(json).toBe(expected.json);
          expect(doc.id).toBe(JSON.parse(expected.json).id);
        }
      }
      expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1); // the damaged PDF
    } finally {
      await reader.close();
    }
  });

  it('reads one or two files in this thread (a thread costs more than it saves there)', async () => {
    const reader = new DocumentReader(AliasTable.load([]), [], 2);
    expect(reader.threaded).toBe(false);
    const { json } = await reader.read(files[0]);
    expect(json).toBe(((await inThisThread(files[0])) as { json: string }).json);
    await reader.close();
  });
});

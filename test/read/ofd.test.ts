/**
 * OFD (src/read/ofd.ts): the bundled plan laid out as a 公文 in an OFD package
 * (test/fixtures/formats, made by scripts/make-ofd-fixture.ts) reads into the same model as
 * its .txt, whether its text objects are stored in reading order or shuffled.
 */
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, readDocument, UserError } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { ofdToText } from '../../src/read/ofd.js';
import { bytes, essentials, FORMATS, problem, txtModel } from './formats-helpers.js';

describe('ofdToText', () => {
  let txt: PolicyDocument;
  let ofd: PolicyDocument;
  beforeAll(async () => {
    txt = await txtModel();
    ofd = await ingestFile(path.join(FORMATS, 'wuxi-plan.ofd'));
  });

  it('reads the plan into the model its .txt gives: tasks, units, indicators, metadata', () => {
    expect(ofd.tasks).toHaveLength(27);
    expect(ofd.indicators).toHaveLength(8);
    expect(essentials(ofd)).toEqual(essentials(txt));
    expect(ofd.source.format).toBe('ofd');
  });

  it('sorts text objects stored out of reading order', async () => {
    const plain = await ofdToText(bytes('wuxi-plan.ofd'));
    const shuffled = await ofdToText(bytes('wuxi-plan-shuffled.ofd'));
    expect(shuffled.text).toBe(plain.text);
    expect(shuffled.pages).toEqual(plain.pages);
    expect(essentials(await ingestFile(path.join(FORMATS, 'wuxi-plan-shuffled.ofd')))).toEqual(essentials(txt));
  });

  it('gives page offsets, leaves page numbers out, and each paragraph its page', async () => {
    const { text, pages = [] } = await ofdToText(bytes('wuxi-plan.ofd'));
    const count = Object.keys(unzipSync(bytes('wuxi-plan.ofd'))).filter((n) => /Pages\/Page_\d+\/Content\.xml$/.test(n)).length;
    expect(pages).toHaveLength(count);
    expect(pages[0]).toBe(0);
    expect(text).not.toMatch(/—\s*\d+\s*—/);
    expect(text.split('\n')).toContain('序号\t指标\t2020年基数\t2025年目标值\t指标属性');
    expect(ofd.paragraphs.every((p) => p.page !== undefined && p.page >= 1 && p.page <= count)).toBe(true);
    const last = ofd.tasks[ofd.tasks.length - 1];
    expect(ofd.paragraphs.find((p) => p.task === last.number)?.page).toBeGreaterThan(count - 3);
  });

  it('reads absolute BaseLoc paths, X/Y carried over, and DeltaX with g runs', async () => {
    const ns = 'http://www.ofdspec.org/2016';
    const pkg = zipSync({
      'OFD.xml': strToU8(`<ofd:OFD xmlns:ofd="${ns}"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`),
      'Doc_0/Document.xml': strToU8(
        `<ofd:Document xmlns:ofd="${ns}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="/Doc_0/Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
      ),
      'Doc_0/Pages/Page_0/Content.xml': strToU8(
        `<ofd:Page xmlns:ofd="${ns}"><ofd:Content><ofd:Layer ID="2">` +
          // the second half of the line first, then the first; a table row with its cells far apart
          `<ofd:TextObject ID="3" Boundary="50 40 100 8" Size="5"><ofd:TextCode X="0" Y="4.4" DeltaX="g 3 5">城镇化率</ofd:TextCode></ofd:TextObject>` +
          `<ofd:TextObject ID="4" Boundary="30 40 20 8" Size="5"><ofd:TextCode X="0" Y="4.4" DeltaX="5 5 5">常住人口</ofd:TextCode></ofd:TextObject>` +
          `<ofd:TextObject ID="5" Boundary="30 60 150 8" Size="5"><ofd:TextCode X="0" Y="4.4">序号</ofd:TextCode><ofd:TextCode X="40">指标</ofd:TextCode><ofd:TextCode X="100" DeltaX="2.5 2.5 2.5">2025年</ofd:TextCode></ofd:TextObject>` +
          `<ofd:TextObject ID="6" Boundary="30 70 150 8" Size="5"><ofd:TextCode X="0" Y="4.4">1</ofd:TextCode><ofd:TextCode X="40">城镇化率</ofd:TextCode><ofd:TextCode X="100">44</ofd:TextCode></ofd:TextObject>` +
          `</ofd:Layer></ofd:Content></ofd:Page>`,
      ),
    });
    const { text, pages } = await ofdToText(pkg);
    expect(text).toBe('常住人口城镇化率\n序号\t指标\t2025年\n1\t城镇化率\t44');
    expect(pages).toEqual([0]);
  });

  it('refuses a damaged package, a package without its document, and a file that is no ZIP', async () => {
    expect((await problem(ofdToText(bytes('wuxi-damaged.ofd')))).problem).toBe('damaged');
    expect((await problem(ofdToText(zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="x"><ofd:DocBody/></ofd:OFD>') })))).problem).toBe('damaged');
    const missing = await problem(
      ofdToText(zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="x"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>') })),
    );
    expect(missing.problem).toBe('damaged');
    expect(missing.message).toContain('Doc_0/Document.xml is missing');
    expect((await problem(ofdToText(new TextEncoder().encode('plain text, not an OFD')))).problem).toBe('damaged');
  });

  it('readDocument words a refusal with the file name (UserError)', async () => {
    const file = path.join(FORMATS, 'wuxi-damaged.ofd');
    await expect(readDocument(file)).rejects.toThrow(UserError);
    await expect(readDocument(file)).rejects.toThrow(`${file}: damaged OFD`);
  });
});

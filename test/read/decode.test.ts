import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/model/errors.js';
import { DecodeError, decodeBytes } from '../../src/read/decode.js';
import { decodeToFile } from '../../src/read/read.js';

const text = '某县人民政府\r\n关于印发某县乡村振兴实施方案的通知\r\n\r\n一、总体要求\r\n（一）指导思想。坚持农业农村优先发展。\r\n';

describe('decoding', () => {
  it('reads UTF-8 with and without BOM', () => {
    const plain = decodeBytes(new TextEncoder().encode(text));
    expect(plain.encoding).toBe('utf-8');
    expect(plain.text).toBe(text);
    const bom = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.text).toBe(text);
  });

  it('reads UTF-16 LE and BE with BOM', () => {
    const le = iconv.encode(text, 'utf16le');
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, ...le])).text).toBe(text);
    const be = Buffer.from(le);
    be.swap16();
    const decoded = decodeBytes(new Uint8Array([0xfe, 0xff, ...be]));
    expect(decoded.encoding).toBe('utf-16be');
    expect(decoded.text).toBe(text);
  });

  it('falls back to GB18030 for bytes that are not UTF-8, keeping CRLF', () => {
    const decoded = decodeBytes(iconv.encode(text, 'gb18030'));
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(text);
    expect(decoded.lineEnding).toBe('crlf');
  });

  it('tells line-end styles apart', () => {
    expect(decodeBytes(new TextEncoder().encode('一\n二\n')).lineEnding).toBe('lf');
    expect(decodeBytes(new TextEncoder().encode('一\r二\r')).lineEnding).toBe('cr');
    expect(decodeBytes(new TextEncoder().encode('一\r\n二\n')).lineEnding).toBe('mixed');
  });

  it('rejects empty, blank, binary and undecodable input with the reason', () => {
    expect(() => decodeBytes(new Uint8Array())).toThrow(/empty file/);
    expect(() => decodeBytes(new TextEncoder().encode(' \n\u3000\n'))).toThrow(/only white space/);
    expect(() => decodeBytes(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).toThrow(/NUL byte at offset 4/);
    // Latin-1 accents are neither UTF-8 nor plausible GB18030 Chinese
    expect(() => decodeBytes(new Uint8Array([...Buffer.from('caf'), 0xe9, 0x20, 0xe0, 0x20, 0x6c, 0x61]))).toThrow(DecodeError);
  });

  it('names the file in the error a user sees', () => {
    expect(() => decodeToFile(new Uint8Array(), 'plans/empty.txt')).toThrow(UserError);
    expect(() => decodeToFile(new Uint8Array(), 'plans/empty.txt')).toThrow(/^plans\/empty\.txt: empty file$/);
  });

  it('records size, hash and format on the file', () => {
    const file = decodeToFile(new TextEncoder().encode(text), 'a/b/plan.md');
    expect(file.data.source).toMatchObject({ fileName: 'plan.md', format: 'markdown', bytes: Buffer.byteLength(text) });
    expect(file.data.source?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('encodings that are easy to get wrong', () => {
  const chinese = '某县人民政府关于推进乡村振兴的实施意见。一、总体要求。坚持农业农村优先发展，推进城乡融合发展。';

  it('reads UTF-16 saved without its BOM', () => {
    const le = decodeBytes(iconv.encode(`${chinese}\n1. ABC`, 'utf16le'));
    expect(le).toMatchObject({ encoding: 'utf-16le', text: `${chinese}\n1. ABC` });
    const be = Buffer.from(iconv.encode(`${chinese}\n1. ABC`, 'utf16le'));
    be.swap16();
    expect(decodeBytes(be)).toMatchObject({ encoding: 'utf-16be', text: `${chinese}\n1. ABC` });
  });

  it('refuses Shift-JIS rather than reading it as garbled GB18030 or Big5', () => {
    expect(() => decodeBytes(iconv.encode('日本語の行政文書です。地方自治体の計画について説明します。', 'shift_jis'))).toThrow(/not plausible GB18030 or Big5/);
  });

  it('reads Big5: a traditional-script document saved on a Traditional Chinese system', () => {
    const traditional = [
      '某某縣人民政府辦公室關於印發某某縣推動鄉村發展實施計畫的通知',
      '各鄉鎮人民政府,縣政府各部門:',
      '現將《某某縣推動鄉村發展實施計畫》印發給你們,請認真貫徹執行。',
      '1.建設高標準農田2萬畝。(牽頭單位:縣農業農村局;配合單位:縣財政局)',
    ].join('\r\n');
    const decoded = decodeBytes(iconv.encode(traditional, 'big5'));
    expect(decoded).toMatchObject({ encoding: 'big5', text: traditional, lineEnding: 'crlf' });
    // read as GB18030 the same bytes are rare characters: that reading is never taken
    expect(decodeBytes(iconv.encode('臺灣縣政府關於推動鄉村發展的實施計畫。', 'big5')).text).toBe('臺灣縣政府關於推動鄉村發展的實施計畫。');
    // traditional script saved as GBK stays GB18030
    expect(decodeBytes(iconv.encode(traditional, 'gbk')).encoding).toBe('gb18030');
  });

  it('names the office, PDF and image files people rename to .txt', () => {
    const bytes = (...b: number[]) => new Uint8Array([...b, 0x00, 0x01, 0x02, 0x03]);
    expect(() => decodeBytes(bytes(0x50, 0x4b, 0x03, 0x04))).toThrow(/^a ZIP archive \(a \.docx/);
    expect(() => decodeBytes(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toThrow(/Word\/WPS binary document/);
    expect(() => decodeBytes(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n'))).toThrow(/^a PDF file, not text/);
    expect(() => decodeBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toThrow(/an image/);
  });

  it('tells a damaged UTF-8 file from another encoding and gives the line of the fault', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `第${i + 1}行：推进以人为核心的新型城镇化。`);
    const good = Buffer.from(lines.join('\n'), 'utf8');
    const at = Buffer.from(lines.slice(0, 33).join('\n') + '\n第34行：', 'utf8').length;
    const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    expect(() => decodeBytes(bytes)).toThrow(`damaged UTF-8: invalid UTF-8 at byte ${at}, line 34 (the text before it is valid UTF-8)`);
    // a GB18030 file still reads: its first non-ASCII byte is where UTF-8 fails
    expect(decodeBytes(iconv.encode(lines.join('\r\n'), 'gb18030')).encoding).toBe('gb18030');
  });

  it('says where a UTF-8 file was cut off', () => {
    const bytes = new TextEncoder().encode(chinese);
    expect(() => decodeBytes(bytes.subarray(0, bytes.length - 1))).toThrow(/cut off in the middle of a character at byte \d+/);
  });
});

import { describe, expect, it } from 'vitest';
import { charWidth, displayWidth, padEnd, truncate } from '../../src/util/width.js';

/** Terminal columns, as the tables of tasks, departments and comparisons line them up. */
describe('display width', () => {
  it('gives Chinese, full-width forms and emoji two columns, ASCII and half-width forms one', () => {
    expect(displayWidth('县交通局')).toBe(8);
    expect(displayWidth('渝府发〔2022〕31号')).toBe(18); // 〔〕 are wide, the digits narrow
    expect(displayWidth('ＡＢ１２')).toBe(8);
    expect(displayWidth('ｶﾀｶﾅ')).toBe(4);
    expect(displayWidth('✅')).toBe(2);
    expect(displayWidth('𠮷')).toBe(2); // beyond the BMP
  });

  it('gives ambiguous characters (① ■ “”) one column, as terminals show them by default', () => {
    expect(charWidth('①'.codePointAt(0)!)).toBe(1);
    expect(displayWidth('“■”')).toBe(3);
  });

  it('gives what is not printed no column: controls and combining marks', () => {
    expect(displayWidth('a\u0301\u0007b')).toBe(2);
  });

  it('pads and cuts by columns, not by characters', () => {
    expect(padEnd('交通', 6)).toBe('交通  ');
    expect(truncate('县住房城乡建委', 7)).toBe('县住房…');
    expect(displayWidth(truncate('县住房城乡建委', 7))).toBeLessThanOrEqual(7);
  });
});

/**
 * Writes data/t2s.json: traditional → simplified, one character to one character (BMP only),
 * from OpenCC's Taiwan → mainland character table. The reader folds a document's text with it
 * before reading (src/model/script.ts), so 牽頭單位 reads as 牵头单位 while every offset stays
 * where it was; phrase conversions (which change lengths) are left to search's tokenizer.
 *   node --import tsx scripts/make-t2s.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const OpenCC = require('opencc-js/t2cn') as typeof import('opencc-js');
const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });

// Characters that are also ordinary simplified characters in policy text (显著, 乾坤, 狼藉):
// folding them would turn a simplified document's words into others.
const KEEP = new Set(['著', '乾', '藉', '夥', '甦', '祇', '覆', '蘋', '瞭']);

const map: Record<string, string> = {};
for (let cp = 0x3400; cp <= 0x9fff; cp++) {
  const ch = String.fromCharCode(cp);
  if (KEEP.has(ch)) continue;
  const s = convert(ch);
  if (s !== ch && s.length === 1) map[ch] = s;
}
writeFileSync(new URL('../data/t2s.json', import.meta.url), JSON.stringify(map) + '\n');
console.log(`data/t2s.json: ${Object.keys(map).length} characters`);

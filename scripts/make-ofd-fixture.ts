/**
 * Makes the OFD fixtures of test/fixtures/formats/ (there is no Debian tool that writes OFD):
 * the bundled plan laid out as a 公文 page would be (GB/T 9704: A4, a text block 156 × 225 mm
 * from 28 mm left and 37 mm top, 28 characters a line at a 5.57 mm pitch, 22 lines a page,
 * paragraphs indented two characters, digits half a character wide, no line opening with
 * closing punctuation, the indicator table in smaller type with its columns, — N — centred
 * at the foot), as a valid OFD package (GB/T 33190): OFD.xml, Doc_0/Document.xml,
 * Doc_0/PublicRes.xml, Doc_0/Pages/Page_N/Content.xml with a TextObject a line and its
 * TextCode's DeltaX, zipped with fflate.
 *
 *   wuxi-plan.ofd            text objects in reading order
 *   wuxi-plan-shuffled.ofd   the same page content, each line cut in two objects and all the
 *                            objects of a page stored in a shuffled order (as some producers
 *                            write them): the reader must sort by position
 *   wuxi-damaged.ofd         the first half of wuxi-plan.ofd's bytes
 *
 * Run: node --import tsx scripts/make-ofd-fixture.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { cellTable } from './make-pdf-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test/fixtures/formats');
const PLAN = path.join(ROOT, 'corpus/wuxi-urbanization-plan-2021-2035.txt');
const NS = 'http://www.ofdspec.org/2016';

const PAGE = { width: 210, height: 297 };
const LEFT = 28;
const TOP = 37;
const WIDTH = 156;
const PITCH = WIDTH / 28;
const LINE = 225 / 22;
const SIZE = 5.6;

interface TextLine {
  x: number;
  /** baseline */
  y: number;
  size: number;
  text: string;
  advances: number[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const half = (ch: string) => ch.charCodeAt(0) < 0x2e80;
const NO_LINE_START = /[，。、；：？！）》”’〕】%％]/;

/** Break a paragraph into lines of `width` mm, the first indented by `indent` mm. */
function wrap(text: string, width: number, indent: number, pitch: number): { text: string; advances: number[]; indent: number }[] {
  const out: { text: string; advances: number[]; indent: number }[] = [];
  const chars = [...text];
  let i = 0;
  let first = true;
  while (i < chars.length) {
    const room = width - (first ? indent : 0);
    let used = 0;
    const line: string[] = [];
    while (i < chars.length && used + (half(chars[i]) ? pitch / 2 : pitch) <= room + 0.01) {
      used += half(chars[i]) ? pitch / 2 : pitch;
      line.push(chars[i++]);
    }
    // closing punctuation hangs at the end of the line rather than open the next
    while (i < chars.length && NO_LINE_START.test(chars[i])) line.push(chars[i++]);
    if (!line.length) line.push(chars[i++]);
    out.push({ text: line.join(''), advances: line.map((c) => (half(c) ? pitch / 2 : pitch)), indent: first ? indent : 0 });
    first = false;
  }
  return out;
}

/** The plan's text → pages of positioned lines. */
export function layoutPlan(text: string): TextLine[][] {
  const pages: TextLine[][] = [[]];
  let y = TOP;
  const place = (lines: Omit<TextLine, 'y'>[], pitch = LINE) => {
    for (const l of lines) {
      if (y + pitch > TOP + 225 + 0.01) pages.push([]), (y = TOP);
      pages[pages.length - 1].push({ ...l, y: y + l.size * 0.88 });
      y += pitch;
    }
  };
  const centred = (t: string, size: number): Omit<TextLine, 'y'> => {
    const advances = [...t].map((c) => (half(c) ? size / 2 : size));
    const w = advances.reduce((a, b) => a + b, 0);
    return { x: LEFT + (WIDTH - w) / 2, size, text: t, advances };
  };
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i];
    const t = raw.trim();
    if (raw.startsWith('\t')) {
      const read = cellTable(lines, i);
      i = read.next;
      table(read.rows, place);
      continue;
    }
    i++;
    if (!t) continue;
    if (i <= 21 && /^巫溪县人民政府$|^关于印发|的通知$|^（2021—2035年）|府发〔|^巫溪县新型城镇化实施方案$/.test(t) && !raw.startsWith('   ')) {
      place([centred(t, /府发〔/.test(t) ? SIZE : 7.7)], /府发〔/.test(t) ? LINE : LINE * 1.3);
    } else if (raw.startsWith('   ')) {
      // signature and date: right-aligned, four characters in from the right edge
      const l = centred(t, SIZE);
      const w = l.advances.reduce((a, b) => a + b, 0);
      place([{ ...l, x: LEFT + WIDTH - 4 * PITCH - w }]);
    } else {
      const flush = /：$/.test(t) && i < 12;
      place(wrap(t, WIDTH, flush ? 0 : 2 * PITCH, PITCH).map((l) => ({ x: LEFT + l.indent, size: SIZE, text: l.text, advances: l.advances })));
    }
  }
  return pages;
}

/** The indicator table: 序号, 指标, the value columns; cells centred, long names wrapped in their column. */
function table(rows: string[][], place: (lines: Omit<TextLine, 'y'>[], pitch?: number) => void): void {
  const size = 3.7;
  const widths = [14, 64, ...new Array(rows[0].length - 2).fill((WIDTH - 78) / (rows[0].length - 2))];
  for (const row of rows) {
    const cellLines = row.map((c, n) => wrap(c, widths[n] - 2, 0, size));
    const height = Math.max(...cellLines.map((l) => l.length));
    for (let k = 0; k < height; k++) {
      const parts: Omit<TextLine, 'y'>[] = [];
      let x = LEFT;
      cellLines.forEach((lines, n) => {
        const l = lines[k];
        if (l) {
          const w = l.advances.reduce((a, b) => a + b, 0);
          parts.push({ x: x + (widths[n] - w) / 2, size, text: l.text, advances: l.advances });
        }
        x += widths[n];
      });
      // the cells of one line of a row go out as one placed line: same baseline
      placeRow(parts, place);
    }
  }
}

function placeRow(parts: Omit<TextLine, 'y'>[], place: (lines: Omit<TextLine, 'y'>[], pitch?: number) => void): void {
  // place the first part to get the baseline, then the others on it
  const merged: Omit<TextLine, 'y'> & { parts?: Omit<TextLine, 'y'>[] } = { ...parts[0], parts };
  place([merged], 6.5);
}

/** DeltaX with runs of one advance written `g N d`. */
function deltaX(advances: number[]): string {
  const d = advances.slice(0, -1).map((a) => +a.toFixed(3));
  const out: string[] = [];
  for (let i = 0; i < d.length; ) {
    let j = i;
    while (j < d.length && d[j] === d[i]) j++;
    out.push(j - i > 2 ? `g ${j - i} ${d[i]}` : d.slice(i, j).join(' '));
    i = j;
  }
  return out.join(' ');
}

interface Obj {
  x: number;
  y: number;
  size: number;
  text: string;
  advances: number[];
}

function objectsOf(page: TextLine[], pageNo: number, split: boolean): Obj[] {
  const objs: Obj[] = [];
  for (const l of page) {
    const parts = (l as TextLine & { parts?: Omit<TextLine, 'y'>[] }).parts ?? [l];
    for (const p of parts) {
      if (split && p.text.length > 6) {
        const cut = Math.floor([...p.text].length / 2);
        const chars = [...p.text];
        const offset = p.advances.slice(0, cut).reduce((a, b) => a + b, 0);
        objs.push({ x: p.x, y: l.y, size: p.size, text: chars.slice(0, cut).join(''), advances: p.advances.slice(0, cut) });
        objs.push({ x: p.x + offset, y: l.y, size: p.size, text: chars.slice(cut).join(''), advances: p.advances.slice(cut) });
      } else objs.push({ x: p.x, y: l.y, size: p.size, text: p.text, advances: p.advances });
    }
  }
  // the page number, centred at the foot
  const number = `— ${pageNo} —`;
  const advances = [...number].map((c) => (half(c) ? 2.5 : 4.9));
  const w = advances.reduce((a, b) => a + b, 0);
  objs.push({ x: (PAGE.width - w) / 2, y: TOP + 225 + 14, size: 4.9, text: number, advances });
  return objs;
}

let ids = 10;
function content(objs: Obj[]): string {
  const body = objs
    .map((o) => {
      const w = o.advances.reduce((a, b) => a + b, 0);
      const box = `${o.x.toFixed(3)} ${(o.y - o.size * 0.88).toFixed(3)} ${w.toFixed(3)} ${(o.size * 1.2).toFixed(3)}`;
      const delta = o.advances.length > 1 ? ` DeltaX="${deltaX(o.advances)}"` : '';
      return `<ofd:TextObject ID="${ids++}" Boundary="${box}" Font="2" Size="${o.size}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${(o.size * 0.88).toFixed(3)}"${delta}>${esc(o.text)}</ofd:TextCode></ofd:TextObject>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="${ids++}">\n${body}\n</ofd:Layer></ofd:Content></ofd:Page>\n`;
}

/** Deterministic shuffle (a fixed LCG): the fixture is the same on every run. */
function shuffle<T>(items: T[], seed: number): T[] {
  const a = items.slice();
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export function makeOfd(text: string, { shuffled = false } = {}): Uint8Array {
  ids = 10;
  const pages = layoutPlan(text);
  const files: Record<string, Uint8Array> = {};
  const pageRefs: string[] = [];
  pages.forEach((page, n) => {
    let objs = objectsOf(page, n + 1, shuffled);
    if (shuffled) objs = shuffle(objs, 7 + n);
    files[`Doc_0/Pages/Page_${n}/Content.xml`] = strToU8(content(objs));
    pageRefs.push(`<ofd:Page ID="${ids++}" BaseLoc="Pages/Page_${n}/Content.xml"/>`);
  });
  files['OFD.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>6f8d2a1c0b9e4e7d8c3b2a1f0e9d8c7b</ofd:DocID><ofd:Title>巫溪县人民政府关于印发巫溪县新型城镇化实施方案（2021—2035年）的通知</ofd:Title><ofd:Creator>policy fixtures</ofd:Creator><ofd:CreationDate>2023-04-26</ofd:CreationDate></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n`,
  );
  files['Doc_0/PublicRes.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="仿宋_GB2312" FamilyName="仿宋_GB2312"/></ofd:Fonts></ofd:Res>\n`,
  );
  files['Doc_0/Document.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${ids}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 ${PAGE.width} ${PAGE.height}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>${pageRefs.join('')}</ofd:Pages></ofd:Document>\n`,
  );
  // a fixed time: the same bytes on every run
  const mtime = new Date('2023-04-26T00:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { mtime }]])), { level: 9 });
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const text = readFileSync(PLAN, 'utf8');
  const plain = makeOfd(text);
  writeFileSync(path.join(OUT, 'wuxi-plan.ofd'), plain);
  writeFileSync(path.join(OUT, 'wuxi-plan-shuffled.ofd'), makeOfd(text, { shuffled: true }));
  writeFileSync(path.join(OUT, 'wuxi-damaged.ofd'), plain.subarray(0, plain.length >> 1));
  for (const f of ['wuxi-plan.ofd', 'wuxi-plan-shuffled.ofd', 'wuxi-damaged.ofd']) console.log(`${f}\t${readFileSync(path.join(OUT, f)).length} bytes`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();

import type { VFile } from 'vfile';
import type { Point, Position } from '../model/types.js';

declare module 'vfile' {
  interface DataMap {
    /** Line starts of the file's text, computed once and shared by parser, transforms and extractors. */
    lineIndex: LineIndex;
  }
}

/**
 * Offsets ↔ line/column for a text whose lines may end in LF, CRLF or CR.
 * Lines and columns are 1-based, offsets 0-based (unist).
 */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // from line end to line end by regex scan, not a visit to every character
    const ends = /\r\n?|\n/g;
    while (ends.test(text)) this.starts.push(ends.lastIndex);
  }

  point(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1, offset };
  }

  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }

  /** The lines of the text, without their line ends. */
  lines(): { start: number; end: number; text: string }[] {
    return this.starts.map((start, i) => {
      let end = i + 1 < this.starts.length ? this.starts[i + 1] : this.text.length;
      while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
      return { start, end, text: this.text.slice(start, end) };
    });
  }
}

/** The file's line index, made on first use. */
export function lineIndexOf(file: VFile): LineIndex {
  const text = String(file.value);
  if (file.data.lineIndex?.text !== text) file.data.lineIndex = new LineIndex(text);
  return file.data.lineIndex;
}

/**
 * Display width in terminal columns: East Asian wide and full-width characters take two, so
 * tables line up when they hold Chinese. Shared by the CLI and the text renderings of
 * comparisons. Widths are Unicode's East Asian Width (get-east-asian-width: wide and full-width
 * two columns, emoji too; ambiguous characters such as ① ■ “ one, as terminals show them by
 * default); characters that are not printed (controls, combining marks) none.
 */
import { eastAsianWidth } from 'get-east-asian-width';

export function charWidth(code: number): number {
  if (code === 0 || code < 32 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code >= 0x300 && code <= 0x36f) return 0; // combining marks
  return eastAsianWidth(code, { ambiguousAsWide: false });
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Cut to a display width, marking the cut with …. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

import type { Reference } from '../model/types.js';
import { spanPosition, type Context } from './context.js';

/** Documents cited in 《》 (nested 《》 kept inside the outer title). */
export function extractReferences(ctx: Context): void {
  const out: Reference[] = [];
  for (const b of ctx.blocks) {
    const text = b.content.text;
    if (!text.includes('《')) continue;
    let depth = 0;
    let open = -1;
    // by code unit (text[i] would make a string of every character): 0x300a 《, 0x300b 》
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x300a) {
        if (depth === 0) open = i;
        depth++;
      } else if (c === 0x300b && depth > 0) {
        depth--;
        if (depth === 0 && i > open + 1) {
          out.push({ title: text.slice(open + 1, i), section: b.section?.data.id ?? null, position: spanPosition(ctx, b.content, open, i + 1) });
        }
      }
    }
  }
  ctx.model.references = out;
}

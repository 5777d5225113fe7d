import { normalizeForMatch } from '../model/normalize.js';
import type { Reference } from '../model/types.js';
import { type Context, spanPosition } from './context.js';

const key = (title: string) => normalizeForMatch(title).replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');

/**
 * Documents cited in 《》 (nested 《》 kept inside the outer title). The document's own title
 * is no reference: a covering notice names the plan it issues (关于印发《X》的通知, 《X》已经县政府
 * 同意，现印发给你们), and that plan is this document.
 */
export function extractReferences(ctx: Context): void {
  const out: Reference[] = [];
  const own = new Set([ctx.model.title, /《(.+)》/.exec(ctx.model.noticeTitle ?? '')?.[1]].filter((t): t is string => !!t).map(key));
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
        if (depth === 0 && i > open + 1 && !own.has(key(text.slice(open + 1, i)))) {
          out.push({ title: text.slice(open + 1, i), section: b.section?.data.id ?? null, position: spanPosition(ctx, b.content, open, i + 1) });
        }
      }
    }
  }
  ctx.model.references = out;
}

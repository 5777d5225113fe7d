import type { Nodes, Root } from 'mdast';

/** Nodes of a tree with their depth-first order, for position checks. */
export function allNodes(tree: Root): Nodes[] {
  const out: Nodes[] = [];
  const visit = (n: Nodes) => {
    out.push(n);
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(tree);
  return out;
}

/**
 * For every character, the nodes that own it: those whose range covers it and none of whose
 * children cover it. Returns, per offset, the owners' types.
 */
export function owners(tree: Root, length: number): string[][] {
  const own: string[][] = Array.from({ length }, () => []);
  const visit = (n: Nodes) => {
    const s = n.position?.start.offset;
    const e = n.position?.end.offset;
    if (s === undefined || e === undefined) return;
    const children = 'children' in n ? (n.children as Nodes[]) : [];
    const covered = new Uint8Array(e - s);
    for (const c of children) {
      const cs = c.position?.start.offset;
      const ce = c.position?.end.offset;
      if (cs === undefined || ce === undefined) continue;
      for (let i = Math.max(cs, s); i < Math.min(ce, e); i++) covered[i - s] = 1;
      visit(c);
    }
    for (let i = s; i < e; i++) if (!covered[i - s]) own[i].push(n.type);
  };
  visit(tree);
  return own;
}

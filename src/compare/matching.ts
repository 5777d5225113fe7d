/** A possible pair: item i of A, item j of B, and how alike they are. */
export interface Candidate {
  i: number;
  j: number;
  score: number;
}

/**
 * Pairs taken one to one, best score first (ties by `tie`, then A's and B's order, so the
 * result is stable), returned in A's order. Shared by the indicator and target matchings.
 */
export function bestPairs(candidates: Candidate[], tie: (p: Candidate, q: Candidate) => number = () => 0): Candidate[] {
  const sorted = [...candidates].sort((p, q) => q.score - p.score || tie(p, q) || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Candidate[] = [];
  for (const c of sorted) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    out.push(c);
  }
  return out.sort((p, q) => p.i - q.i);
}

/** The number of cases for a property: `n` in `npm test`, ten times as many under `npm run test:fuzz`. */
export function runs(n: number): number {
  return process.env.FUZZ ? n * 10 : n;
}

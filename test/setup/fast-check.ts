import fc from 'fast-check';

/**
 * Property tests run with a fixed seed, so that `npm test` (and CI) gives the same answer on
 * every run: a failure there is a regression, not a draw. `npm run test:fuzz` (FUZZ=1) draws
 * a fresh seed and ten times the cases (see `runs` in ../helpers/property.ts); what it finds
 * becomes a fixed test. FC_SEED=<seed> replays a seed that fast-check reported.
 */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.FUZZ ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : 20261128;
fc.configureGlobal({ seed });

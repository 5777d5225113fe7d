/**
 * `npm run eval:real`: how well the reader reads real government documents. For every gold file
 * in test/real/ (written by hand, see its README) it ingests the document from
 * ../shared/real-docs/ and prints, per document and in total: task recall, lead-set and
 * responsible-set exactness, unit precision/recall/F1 over (task, role, unit) — micro and macro
 * over documents —, metadata accuracy (title, issuer, 文号, date), and what differs.
 *   --quiet   totals only        --json   the totals as JSON        --only <prefix>  some documents
 *   --gold <dir> --docs <dir>   another set (gold files and documents elsewhere, e.g. a held-out set)
 */
import { docF1, evaluateAll, GOLD_DIR, loadGolds, META_FIELDS, REAL_DOCS_DIR, totals } from './real-eval.js';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const docsDir = opt('--docs', REAL_DOCS_DIR);
const golds = loadGolds(opt('--gold', GOLD_DIR)).filter((g) => !only || g.file.startsWith(only));
if (golds.length === 0) {
  console.error('eval:real: no gold files (test/real/*.gold.json) match');
  process.exit(1);
}
const results = await evaluateAll(golds, docsDir);
const t = totals(results);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
if (json) {
  console.log(JSON.stringify(t, null, 2));
} else {
  if (!quiet) {
    for (const r of results) {
      const meta = META_FIELDS.map((f) => (r.meta[f].ok ? '✓' : '✗')).join('');
      console.log(
        `${r.file.slice(0, 48).padEnd(48)} ${r.traditional ? '繁' : '  '} tasks ${r.foundTasks}/${r.goldTasks}  lead ${r.leadExact}  resp ${r.responsibleExact}  F1 ${r.tp + r.fn + r.fp ? docF1(r).toFixed(2) : '  — '}  meta ${meta}`,
      );
      for (const d of r.differences) console.log(`    ${d}`);
    }
    console.log('');
  }
  console.log(`documents ${t.documents}, gold tasks ${t.goldTasks}`);
  console.log(`task recall           ${pct(t.taskRecall)}`);
  console.log(`lead set exact        ${pct(t.leadExact)}`);
  console.log(`responsible set exact ${pct(t.responsibleExact)}`);
  console.log(`units micro           P ${pct(t.micro.precision)}  R ${pct(t.micro.recall)}  F1 ${t.micro.f1.toFixed(3)}`);
  console.log(`units macro F1        ${t.macroF1.toFixed(3)}  (traditional ${t.macroF1Traditional.toFixed(3)}, simplified ${t.macroF1Simplified.toFixed(3)})`);
  console.log(`metadata              ${pct(t.metadata)}  (title, issuer, 文号, date)`);
  console.log(`documents with tasks but no units: ${t.noUnitDocuments.length ? t.noUnitDocuments.join(', ') : 'none'}`);
  if (t.errors.length) console.log(`not read: ${t.errors.join('; ')}`);
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDocument } from '../src/documents/documents.js';
import { typedContent } from '../src/documents/ingest.js';
import { DOCUMENT_TYPES } from '../src/documents/taxonomy.js';
import { addHealthEntry } from '../src/health/service.js';
import { holder } from '../src/profile/patients.js';
import { isoDay } from '../src/util/dates.js';
import { ActWriter, createBatch, finishBatch, ROWS_PER_INSERT, VALUES_PER_ACT } from '../src/reimbursements/repo.js';
import { loggedInRecord } from './record.js';
import { type Case, peakOf, printAgainstFloor, timeInterleaved } from './timing.js';

/**
 * `npm run bench summary`: the big record of issues 9 and 12, encrypted: 1,000,000 payer acts
 * over four years (five sections), 10,000 documents and 1,000 health entries. Whole-process wall
 * time of `dmp summary` and the other reads on it, interleaved with `node -e 0` (goal: 2x), and
 * the peak memory of each. DMP_BENCH_ACTS=100000 for a quick try; DMP_BENCH_KEEP=1 keeps it.
 */
const ACTS = Number(process.env.DMP_BENCH_ACTS ?? 1_000_000);
const DOCS = 10_000;
const ENTRIES = 1_000;
const RUNS = 11;
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'dmp.js');
const SECTIONS = ['pharmacy', 'hospitalization', 'medical_dental', 'radiology', 'biology'];
// One type of each category, so the summary has all seven to show.
const TYPES = [...new Map(DOCUMENT_TYPES.map((t) => [t.category, t.code])).values()];

/**
 * The care date of the i-th act: the four years up to today, every day about as full, in no
 * order (as an export's rows come): so the 24-month window's two partial months hold acts
 * (~21,000 each), and the acts of one day lie on scattered pages.
 */
function actDay(now: Date, i: number): string {
  const DAYS = 4 * 365;
  const day = new Date(now.getTime() - ((i * 7919) % DAYS) * 86_400_000);
  return isoDay(day);
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dmp-bench-summary-'));
  const env = { ...process.env, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state'), HOME: dir, NO_COLOR: '1' };
  try {
    const db = loggedInRecord(env);
    const patientId = holder(db).id;
    const now = new Date();
    const t0 = performance.now();
    // Acts in no date order fill the (person, date) and fingerprint indexes at random: with
    // SQLite's default 2 MiB cache that took a minute; a 256 MiB one does it in seconds.
    db.pragma('cache_size = -262144');
    db.transaction(() => {
      const importId = createBatch(db, 'bench.csv', 'bench', patientId, 'bench', now);
      const writer = new ActWriter(db);
      let params: unknown[] = [];
      for (let i = 0; i < ACTS; i++) {
        const day = actDay(now, i);
        params.push(importId, i + 2, patientId, day, SECTIONS[i % 5], 'Acte', null, 1, 'Dr X', null, 2500 + (i % 1000), null, 7000, 1750, null, null, day, null, `bench-${i}`);
        if ((i + 1) % ROWS_PER_INSERT === 0) (writer.add(params, ROWS_PER_INSERT), (params = []));
      }
      if (params.length) writer.add(params, params.length / VALUES_PER_ACT);
      // What an import does at its end: the batch's act range and the per-month totals the reads use.
      finishBatch(db, importId, { rows: ACTS, inserted: writer.inserted, duplicates: 0, rejected: 0, outsideWindow: 0 }, 0, writer.totals);
      for (let i = 0; i < DOCS; i++) {
        const day = `20${15 + (i % 11)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
        addDocument(db, { patientId, typeCode: TYPES[i % TYPES.length]!, title: `Document ${i}`, date: day, author: 'Dr X', org: 'CHU' }, typedContent(`texte ${i}`), { actor: 'bench', allowDuplicate: true }, now);
      }
    })();
    for (let i = 0; i < ENTRIES; i++) {
      const date = `${2020 + (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const raw = { name: `analyte ${i % 40}`, value: `${1 + (i % 9)},${i % 10}`, unit: 'g/L', low: '2', high: '8', date };
      addHealthEntry(db, { actor: 'bench', patientId }, 'lab', raw, null, now);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    console.log(`record: ${ACTS.toLocaleString('en')} acts, ${DOCS.toLocaleString('en')} documents, ${ENTRIES.toLocaleString('en')} health entries (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(`whole-process wall time, median and best of ${RUNS} interleaved runs, mean CPU (user + sys) (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}):`);
    const cases: Case[] = [
      { label: 'node -e 0 (the floor)', args: ['-e', '0'] },
      // Issue 9 asks 2.5x of the summary, issue 12 2x of every read on this record: the stricter is checked.
      { label: 'dmp summary (piped)', args: [BIN, 'summary'], goal: 2 },
      { label: 'dmp summary --json', args: [BIN, 'summary', '--json'], goal: 2 },
      { label: 'dmp reimbursements summary --json', args: [BIN, 'reimbursements', 'summary', '--json'], goal: 2 },
      { label: 'dmp reimbursements summary --by month', args: [BIN, 'reimbursements', 'summary', '--by', 'month', '--json'], goal: 2 },
      { label: 'dmp reimbursements list --limit 20', args: [BIN, 'reimbursements', 'list', '--limit', '20', '--json'], goal: 2 },
      { label: 'dmp docs list --limit 20', args: [BIN, 'docs', 'list', '--limit', '20', '--json'], goal: 2 },
      // Not among issue 12's reads: shown for what a whole-period pass over the acts costs.
      { label: 'dmp reimbursements summary --by professional', args: [BIN, 'reimbursements', 'summary', '--by', 'professional', '--json'] },
    ];
    printAgainstFloor(cases, timeInterleaved(cases, RUNS, env));
    // Memory flat whatever the record's size: each read's peak, and a list of every act (streamed, not held).
    const all: Case = { label: 'dmp reimbursements list --all (TSV)', args: [BIN, 'reimbursements', 'list', '--all'] };
    console.log('peak RSS, one run each:');
    for (const c of [...cases, all]) {
      const m = peakOf(c.args, env);
      if (m) console.log(`  ${c.label.padEnd(42)} ${m.rssMb.toFixed(0).padStart(4)} MB  (${m.seconds.toFixed(2)} s${c === all ? `, ${m.lines.toLocaleString('en')} lines` : ''})`);
    }
  } finally {
    if (!process.env.DMP_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

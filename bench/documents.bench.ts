import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDocument } from '../src/documents/documents.js';
import { typedContent } from '../src/documents/ingest.js';
import { holder } from '../src/profile/patients.js';
import { loggedInRecord, openWithSession } from './record.js';
import { type Case, printAgainstFloor, timeInterleaved } from './timing.js';

/**
 * `npm run bench documents`: 100,000 typed documents of about 2 KB of French text, added in
 * batches in one process; then whole-process wall time of `node bin/dmp.js docs search/list`,
 * median of several interleaved runs, each beside node's own start (goal: 2x); then the record's size against the raw text.
 * DMP_BENCH_DOCS=5000 for a quick try.
 */
const DOCS = Number(process.env.DMP_BENCH_DOCS ?? 100_000);
const BATCH = 1000;
const RUNS = 11;
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'dmp.js');

const COMMON = (
  'patient patiente examen clinique traitement douleur bilan sanguin tension artérielle fréquence cardiaque ' +
  'antécédents allergie médicament posologie consultation suivi évolution favorable hospitalisation service ' +
  'urgences radiographie thorax échographie abdominale scanner cérébral biologie hémoglobine glycémie créatinine ' +
  'prescription ordonnance infirmier kinésithérapie rééducation chirurgie anesthésie cicatrisation pansement ' +
  'fièvre toux dyspnée asthénie nausées vomissements diarrhée constipation céphalées vertiges syncope ' +
  'diabète hypertension insuffisance rénale cardiaque respiratoire hépatique thyroïde cholestérol obésité ' +
  'vaccination rappel dépistage mammographie coloscopie frottis prévention tabac alcool sommeil alimentation ' +
  'le la les un une des du de et en dans pour avec sans sur sous par au aux est sont a été pas plus très bien ' +
  'notamment depuis semaines mois jours matin soir contrôle prochain rendez-vous courrier médecin traitant docteur'
).split(' ');
const SYLLABLES = 'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu é è ê ou an on in eau ien'.split(' ');

/** A small deterministic generator, so every run files the same documents. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function vocabulary(rand: () => number): string[] {
  const words = new Set(COMMON);
  while (words.size < 30_000) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(w + (rand() < 0.3 ? 'ique' : rand() < 0.5 ? 'ation' : ''));
  }
  return [...words];
}

/** ~2 KB of text drawn from a Zipf-like law over the vocabulary, common words first. */
function documentText(rand: () => number, vocab: string[], i: number): string {
  const words: string[] = [];
  let size = 0;
  while (size < 2000) {
    const rank = Math.floor(vocab.length ** rand() - 1);
    const w = vocab[Math.min(rank, vocab.length - 1)]!;
    words.push(w);
    size += Buffer.byteLength(w) + 1;
    if (words.length % 14 === 0) words.push(rand() < 0.5 ? '.' : ',');
  }
  if (i % 20 === 0) words.splice(10, 0, 'bilan', 'sanguin', 'complet');
  if (i % 33_333 === 7) words.splice(5, 0, 'xylophagie');
  return words.join(' ').replace(/ ([.,])/g, '$1');
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dmp-bench-docs-'));
  const env = { ...process.env, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state'), HOME: dir, NO_COLOR: '1' };
  try {
    const db = loggedInRecord(env);
    const patientId = holder(db).id;
    const rand = random(2026);
    const vocab = vocabulary(rand);
    let rawBytes = 0;
    const now = new Date();
    const t0 = performance.now();
    for (let start = 0; start < DOCS; start += BATCH) {
      db.transaction(() => {
        for (let i = start; i < Math.min(start + BATCH, DOCS); i++) {
          const text = documentText(rand, vocab, i);
          const title = `Compte rendu ${i} ${vocab[Math.floor(rand() * 200)]}`;
          const content = typedContent(text);
          rawBytes += content.bytes.length + Buffer.byteLength(title);
          const day = `20${10 + (i % 16)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
          addDocument(db, { patientId, typeCode: 'cr-consultation', title, date: day, author: `Dr ${vocab[i % 500]}`, org: 'CHU' }, content, { actor: 'bench', allowDuplicate: true }, now);
        }
      })();
    }
    const insertMs = performance.now() - t0;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const recordBytes = statSync(env.DMP_RECORD).size;

    console.log(`documents: ${DOCS.toLocaleString('en')} of ~2 KB French text (raw text ${(rawBytes / 1e6).toFixed(1)} MB)`);
    console.log(`add (batches of ${BATCH}, one process): ${(insertMs / 1000).toFixed(1)} s (${Math.round(DOCS / (insertMs / 1000)).toLocaleString('en')} documents/s)`);
    console.log(`record size: ${(recordBytes / 1e6).toFixed(1)} MB = ${(recordBytes / rawBytes).toFixed(2)} x the raw text (goal <= 2x)`);
    // Wall times depend on what else the machine runs: say how loaded it was.
    console.log(`whole-process wall time, median and best of ${RUNS} interleaved runs, mean CPU (user + sys), each against node's own start (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}):`);
    const cases: Case[] = [
      { label: 'node -e "" (node start alone)', args: ['-e', ''] },
      { label: 'dmp --version (start + imports)', args: [BIN, '--version'] },
      { label: 'docs search xylophagie (rare word)', args: [BIN, 'docs', 'search', 'xylophagie'], goal: 2 },
      { label: 'docs search patient (common word)', args: [BIN, 'docs', 'search', 'patient'], goal: 2 },
      { label: 'docs search "bilan sanguin" (phrase)', args: [BIN, 'docs', 'search', '"bilan sanguin"'], goal: 2 },
      { label: 'docs search cardi* (prefix)', args: [BIN, 'docs', 'search', 'cardi*'], goal: 2 },
      { label: 'docs list --limit 20', args: [BIN, 'docs', 'list', '--limit', '20'], goal: 2 },
    ];
    printAgainstFloor(cases, timeInterleaved(cases, RUNS, env), (c) => c.args[1] === 'docs');
    const t1 = performance.now();
    execFileSync(process.execPath, [BIN, 'docs', 'reindex'], { env, stdio: 'pipe' });
    const reindexMs = performance.now() - t1;
    const reindexed = openWithSession(env);
    reindexed.pragma('wal_checkpoint(TRUNCATE)');
    reindexed.close();
    const compact = statSync(env.DMP_RECORD).size;
    console.log(`docs reindex (rebuild + merge): ${(reindexMs / 1000).toFixed(1)} s; record then ${(compact / 1e6).toFixed(1)} MB = ${(compact / rawBytes).toFixed(2)} x the raw text`);
  } finally {
    if (!process.env.DMP_BENCH_KEEP) rmSync(dir, { recursive: true, force: true }); else console.log(`kept ${dir}`);
  }
}

import { basename } from 'node:path';
import { appendAudit } from '../audit/log.js';
import { DmpError } from '../errors.js';
import { bulkTransaction } from '../store/bulk.js';
import type { Db } from '../store/database.js';
import { inspectFile } from './encoding.js';
import type { ReadBatch } from './reader.js';
import { readActsInBackground } from './reader-worker.js';
import { RejectsWriter } from './rejects.js';
import { Fingerprinter } from './fingerprint.js';
import { unpackActs } from './packed.js';
import { ActWriter, type BatchCounts, batchesForOthers, completeBatchBySha, createBatch, deferIndexes, finishBatch, lastActId, peopleExist } from './repo.js';
import type { RowError } from './rows.js';
import type { Layout } from './source.js';

export type FileStatus = 'imported' | 'already-imported' | 'rejected' | 'dry-run';

/** What the import of one file did, as `--json` reports it. */
export interface FileReport extends BatchCounts {
  file: string;
  status: FileStatus;
  importId: number | null;
  /** The first MAX_REPORTED_ERRORS errors; the rejects file (--rejects) has every rejected row. */
  errors: RowError[];
  /** Errors past MAX_REPORTED_ERRORS, counted but not listed. */
  errorsOmitted: number;
  /** Live imports of the same file (same sha256) filed under other people: a file imported for the wrong person? */
  alsoImportedFor: { importId: number; patientId: number | null }[];
}

/** A file with a systematic fault (a wrong date format) would otherwise list a million errors. */
export const MAX_REPORTED_ERRORS = 1000;

export interface ImportOptions {
  actor: string;
  now: Date;
  /** Who rows without a Bénéficiaire column are about (--patient, default the holder). */
  defaultPatientId: number;
  /** Folded full name -> person id (from patientsByNameKey). */
  people: Map<string, number[]>;
  /** Person id -> birth date (YYYY-MM-DD): care dates before it are rejected rows. */
  birthDates?: Map<number, string>;
  /** Import the valid rows of a file that has bad ones (default: refuse the file whole). */
  skipInvalid?: boolean;
  /** Report everything, change nothing. */
  dryRun?: boolean;
  /** Write the rejected rows, with a reason column, to this path. */
  rejectsPath?: string;
  /** An existing rejects file (a regular file) may be replaced; otherwise it must be new. */
  replaceRejects?: boolean;
  /** Columns no field claims (reported once per file). */
  onUnknownColumns?(columns: string[]): void;
  onProgress?(bytes: number, total: number): void;
  /** Aborted (Ctrl-C): the import stops at the next batch of rows and rolls back, throwing a 'cancelled' DmpError. */
  signal?: AbortSignal;
  /** Test hook, called with the count of rows written so far, after each (a throw here simulates a crash). */
  afterRow?(rowsWritten: number): void;
}

/**
 * Imports one AMELI-style CSV export: one transaction and one batch. A file already
 * imported (same sha256) adds nothing; a bad row refuses the whole file unless
 * `skipInvalid`; a failure of any kind leaves the record as it was. Reading (parsing,
 * validation) runs beside the inserts (and the fingerprints), in a worker thread.
 */
export async function importFile(db: Db, path: string, options: ImportOptions): Promise<FileReport> {
  const file = basename(path);
  const facts = await inspectFile(path);
  const alsoImportedFor = batchesForOthers(db, facts.sha256, options.defaultPatientId).map((b) => ({ importId: b.id, patientId: b.patientId }));
  const report: FileReport = { ...emptyReport(path), alsoImportedFor };
  // Only a batch for the same person counts: the same file filed under someone else by
  // mistake must still be importable for the right person.
  const known = completeBatchBySha(db, facts.sha256, options.defaultPatientId);
  if (known) return { ...report, status: 'already-imported', importId: known.id };

  let rejects: RejectsWriter | undefined;
  try {
    return await bulkTransaction<FileReport>(db, async () => {
      const before = lastActId(db);
      // An export row is ~150 bytes; an estimate is enough to choose how to fill the index.
      const rebuildIndexes = deferIndexes(db, facts.bytes / 200);
      const importId = createBatch(db, file, facts.sha256, options.defaultPatientId, options.actor, options.now);
      const writer = new ActWriter(db);
      // Acts reach the writer in file order: twins are counted here, with the hashing.
      const fingerprints = new Fingerprinter();
      const routedTo = new Set<number>();
      let valid = 0;
      let written = 0;
      const onLayout = (layout: Layout) => {
        if (layout.header.unknown.length > 0) options.onUnknownColumns?.(layout.header.unknown);
        if (options.rejectsPath && !options.dryRun) rejects = new RejectsWriter(options.rejectsPath, layout.header.names, layout.delimiter, options.replaceRejects);
      };
      const onBatch = (batch: ReadBatch) => {
        if (options.signal?.aborted) throw interrupted(file);
        for (const { cells, errors } of batch.rejected) {
          report.rejected++;
          for (const e of errors) {
            if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
            else report.errorsOmitted++;
          }
          rejects?.add(cells, errors);
        }
        valid += batch.valid;
        report.outsideWindow += batch.outsideWindow;
        for (const id of batch.patientIds) routedTo.add(id);
        for (const acts of batch.inserts) {
          writer.add(unpackActs(acts, importId, fingerprints), acts.rows);
          if (options.afterRow) for (let r = 0; r < acts.rows; r++) options.afterRow(++written);
        }
        report.rows += batch.rows;
        options.onProgress?.(batch.bytes, facts.bytes);
      };
      await readActsInBackground(
        { path, encoding: facts.encoding, importId, now: options.now.toISOString(), people: [...options.people], defaultPatientId: options.defaultPatientId, birthDates: [...(options.birthDates ?? [])], refuseOnReject: !options.skipInvalid },
        { layout: onLayout, batch: onBatch },
      );
      if (options.signal?.aborted) throw interrupted(file);
      if (report.rows === 0) throw new DmpError('invalid', `${file} has a header row but no data rows.`, 'Export the file again with its rows.');
      // Read to its end (a refused file too: its rejects are what to fix). Published before the
      // commit: a rejects file that cannot be written rolls the import back.
      await rejects?.close();
      if (!peopleExist(db, routedTo)) throw new Error('a person rows were routed to is no longer in the record');
      const refused = report.rejected > 0 && !options.skipInvalid;
      report.inserted = refused ? 0 : writer.inserted;
      report.duplicates = refused ? 0 : valid - writer.inserted;
      if (refused) return { commit: false, value: { ...report, status: 'rejected' } };
      if (options.dryRun) return { commit: false, value: { ...report, status: 'dry-run' } };
      rebuildIndexes?.();
      finishBatch(db, importId, report, before, writer.totals);
      // The file's digest, not its name: a name can say more about someone's health than belongs in a permanent log.
      appendAudit(db, { actor: options.actor, action: 'reimbursements.import', target: `import:${importId}`, details: { sha256: facts.sha256, rows: report.rows, inserted: report.inserted, duplicates: report.duplicates, rejected: report.rejected } }, options.now);
      return { commit: true, value: { ...report, importId } };
    });
  } finally {
    // Failed or interrupted midway: the rows seen so far are not the file's rejects.
    await rejects?.discard();
  }
}

function interrupted(file: string): DmpError {
  return new DmpError('cancelled', `The import of ${file} was interrupted; nothing from it was kept.`);
}

/** A whole-file refusal (empty, no header, broken quoting) as a report line instead of an abort. */
export function refusedFile(path: string, err: DmpError): FileReport {
  return { ...emptyReport(path), status: 'rejected', errors: [{ line: null, column: null, value: null, message: err.message }] };
}

function emptyReport(path: string): FileReport {
  return { file: path, status: 'imported', importId: null, rows: 0, inserted: 0, duplicates: 0, rejected: 0, outsideWindow: 0, errors: [], errorsOmitted: 0, alsoImportedFor: [] };
}

import { basename } from 'node:path';
import { appendAudit } from '../audit/log.js';
import { DmpError } from '../errors.js';
import type { Patient } from '../profile/patients.js';
import { bulkTransaction } from '../store/bulk.js';
import type { Db } from '../store/database.js';
import { isoDay } from '../util/dates.js';
import { inspectFile } from './encoding.js';
import { Fingerprinter } from './fingerprint.js';
import { RejectsWriter } from './rejects.js';
import { ActWriter, type BatchCounts, batchBySha, createBatch, finishBatch } from './repo.js';
import { type RowError, RowReader } from './rows.js';
import { type Layout, streamRecords } from './source.js';
import { defaultWindow } from './window.js';

export type FileStatus = 'imported' | 'already-imported' | 'rejected' | 'dry-run';

/** What the import of one file did, as `--json` reports it. */
export interface FileReport extends BatchCounts {
  file: string;
  status: FileStatus;
  importId: number | null;
  errors: RowError[];
}

export interface ImportOptions {
  actor: string;
  now: Date;
  /** Who rows without a Bénéficiaire column are about (--patient, default the holder). */
  defaultPatient: Patient;
  /** Folded full name -> person (patientsByNameKey). */
  people: Map<string, Patient>;
  /** Import the valid rows of a file that has bad ones (default: refuse the file whole). */
  skipInvalid?: boolean;
  /** Report everything, change nothing. */
  dryRun?: boolean;
  /** Write the rejected rows, with a reason column, to this path. */
  rejectsPath?: string;
  /** Columns no field claims (reported once per file). */
  onUnknownColumns?(columns: string[]): void;
  onProgress?(bytes: number, total: number): void;
  /** Test hook, called after each data row is handled (a throw here simulates a crash). */
  afterRow?(rowsRead: number): void;
}

/**
 * Imports one AMELI-style CSV export: one transaction and one batch. A file already
 * imported (same sha256) adds nothing; a bad row refuses the whole file unless
 * `skipInvalid`; a failure of any kind leaves the record as it was.
 */
export async function importFile(db: Db, path: string, options: ImportOptions): Promise<FileReport> {
  const file = basename(path);
  const facts = await inspectFile(path);
  const report: FileReport = { file: path, status: 'imported', importId: null, rows: 0, inserted: 0, duplicates: 0, rejected: 0, outsideWindow: 0, errors: [] };
  const known = batchBySha(db, facts.sha256);
  if (known) return { ...report, status: 'already-imported', importId: known.id };

  const today = isoDay(options.now);
  const windowStart = defaultWindow(options.now).from;
  let rejects: RejectsWriter | undefined;
  try {
    return await bulkTransaction<FileReport>(db, async () => {
      const importId = createBatch(db, file, facts.sha256, options.actor, options.now);
      const writer = new ActWriter(db, importId);
      const fingerprints = new Fingerprinter();
      let reader: RowReader | undefined;
      let valid = 0;
      const onLayout = (layout: Layout) => {
        if (layout.header.unknown.length > 0) options.onUnknownColumns?.(layout.header.unknown);
        reader = new RowReader({ header: layout.header, dotDecimal: layout.delimiter !== ',', today, people: options.people, defaultPatient: options.defaultPatient });
        if (options.rejectsPath && !options.dryRun) rejects = new RejectsWriter(options.rejectsPath, layout.header.names, layout.delimiter);
      };
      await streamRecords(path, facts.encoding, {
        layout: onLayout,
        progress: (bytes) => options.onProgress?.(bytes, facts.bytes),
        record: (cells, line) => {
          if (RowReader.isBlank(cells)) return;
          report.rows++;
          const act = reader!.read(cells, line);
          if (Array.isArray(act)) {
            report.rejected++;
            for (const e of act) report.errors.push(e);
            rejects?.add(cells, act);
          } else {
            valid++;
            if (act.careDate < windowStart) report.outsideWindow++;
            // Once a refused file is certain, only validation goes on (to list every bad row).
            if (report.rejected === 0 || options.skipInvalid) writer.add(act, line, fingerprints.of(act));
          }
          options.afterRow?.(report.rows);
        },
      });
      if (report.rows === 0) throw new DmpError('invalid', `${file} has a header row but no data rows.`, 'Export the file again with its rows.');
      writer.flush();
      const refused = report.rejected > 0 && !options.skipInvalid;
      report.inserted = refused ? 0 : writer.inserted;
      report.duplicates = refused ? 0 : valid - writer.inserted;
      if (refused) return { commit: false, value: { ...report, status: 'rejected' } };
      if (options.dryRun) return { commit: false, value: { ...report, status: 'dry-run' } };
      finishBatch(db, importId, report);
      appendAudit(db, { actor: options.actor, action: 'reimbursements.import', target: `import:${importId}`, details: { file, sha256: facts.sha256, rows: report.rows, inserted: report.inserted, duplicates: report.duplicates, rejected: report.rejected } }, options.now);
      return { commit: true, value: { ...report, importId } };
    });
  } finally {
    await rejects?.close();
  }
}

/** A whole-file refusal (empty, no header, broken quoting) as a report line instead of an abort. */
export function refusedFile(path: string, err: DmpError): FileReport {
  return { file: path, status: 'rejected', importId: null, rows: 0, inserted: 0, duplicates: 0, rejected: 0, outsideWindow: 0, errors: [{ line: null, column: null, value: null, message: err.message }] };
}

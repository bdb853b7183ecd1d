import { defaultWindow } from './window.js';
import { isoDay } from '../util/dates.js';
import type { FileEncoding } from './encoding.js';
import { ActPacker, type PackedActs } from './packed.js';
import { ROWS_PER_INSERT } from './repo.js';
import { type RowError, RowReader } from './rows.js';
import { type Layout, streamRecords } from './source.js';

/** Everything the read side needs; plain data, so it can cross to a worker thread. */
export interface ReadJob {
  path: string;
  encoding: FileEncoding;
  importId: number;
  /** ISO instant of the injected clock. */
  now: string;
  /** Folded full name -> person id. */
  people: [string, number[]][];
  defaultPatientId: number;
  /** Person id -> birth date. */
  birthDates: [number, string][];
  /** After the first bad row, stop preparing inserts (the file will be refused): validation goes on. */
  refuseOnReject: boolean;
}

/** What the read side produced since the previous batch: insert parameters and rejected rows. */
export interface ReadBatch {
  /** Acts to insert, in groups of up to ROWS_PER_INSERT (the writer adds their fingerprints). */
  inserts: PackedActs[];
  rows: number;
  valid: number;
  outsideWindow: number;
  rejected: { cells: string[]; errors: RowError[] }[];
  patientIds: number[];
  bytes: number;
}

export interface ReadEvents {
  layout(layout: Layout): void;
  /** May return a promise to slow the reader down (back-pressure). */
  batch(batch: ReadBatch): void | Promise<void>;
}

/**
 * The read side of an import: streams the file, validates each row and packs the valid ones
 * in batches (one per chunk of the file). It touches no database, so it can run in a worker thread.
 */
export async function readActs(job: ReadJob, events: ReadEvents): Promise<void> {
  const now = new Date(job.now);
  // The local calendar day (TZ), as everywhere else: between midnight and 1-2 am in Paris the UTC day is yesterday.
  const today = isoDay(new Date(job.now));
  const windowStart = defaultWindow(now).from;
  const people = new Map(job.people);
  let reader: RowReader | undefined;
  let batch = emptyBatch();
  const packer = new ActPacker();
  let refusing = false;
  const patients = new Set<number>();

  const closeInsert = () => {
    if (packer.pending > 0) batch.inserts.push(packer.take());
  };
  // Partial insert lists wait for the next batch (a full list reuses the prepared statement),
  // except at the end.
  const send = async (bytes: number, last = false) => {
    if (last) closeInsert();
    batch.bytes = bytes;
    batch.patientIds = [...patients];
    const out = batch;
    batch = emptyBatch();
    await events.batch(out);
  };
  let bytesRead = 0;
  await streamRecords(job.path, job.encoding, {
    layout(layout) {
      reader = new RowReader({ header: layout.header, dotDecimal: layout.delimiter !== ',', today, people, defaultPatientId: job.defaultPatientId, birthDates: new Map(job.birthDates) });
      events.layout(layout);
    },
    record(cells, line, irregular) {
      if (RowReader.isBlank(cells)) return;
      batch.rows++;
      const act = irregular ? [irregularQuoting(line)] : reader!.read(cells, line);
      if (Array.isArray(act)) {
        batch.rejected.push({ cells, errors: act });
        if (job.refuseOnReject) refusing = true;
        return;
      }
      batch.valid++;
      if (act.careDate < windowStart) batch.outsideWindow++;
      if (refusing) return;
      patients.add(act.patientId);
      packer.add(act, line);
      if (packer.pending === ROWS_PER_INSERT) closeInsert();
    },
    progress(bytes) {
      bytesRead = bytes;
      return send(bytes);
    },
  });
  await send(bytesRead, true);
}

function emptyBatch(): ReadBatch {
  return { inserts: [], rows: 0, valid: 0, outsideWindow: 0, rejected: [], patientIds: [], bytes: 0 };
}

function irregularQuoting(line: number): RowError {
  return { line, column: null, value: null, message: 'the row\'s quoting is broken: text follows a closing quote (a quote inside a quoted value is written "")' };
}

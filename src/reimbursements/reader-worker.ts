import { parentPort, Worker, workerData } from 'node:worker_threads';
import { DmpError } from '../errors.js';
import { type ReadEvents, type ReadJob, readActs } from './reader.js';
import type { Layout } from './source.js';

/**
 * Runs the read side of an import (CSV parsing, validation) in a worker thread,
 * so that parsing and SQLite inserts use two cores. Messages: layout, batch (acknowledged by
 * the main thread: at most MAX_IN_FLIGHT unacknowledged, so memory stays flat), done, error.
 */
const MAX_IN_FLIGHT = 3;


type Message =
  | { type: 'layout'; layout: Layout }
  | { type: 'batch'; batch: Parameters<ReadEvents['batch']>[0] }
  | { type: 'done' }
  | { type: 'error'; kind?: DmpError['kind']; message: string; hint?: string; stack?: string };

/** Marks the threads dmp starts, so that loading this module in any other thread does nothing. */
const READER_THREAD = 'dmp-reimbursements-reader';

if (parentPort && (workerData as { role?: string } | null)?.role === READER_THREAD) {
  const port = parentPort;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', (m: { type: 'job'; job: ReadJob } | { type: 'ack' }) => {
    if (m.type === 'ack') {
      inFlight--;
      wake?.();
      wake = undefined;
      return;
    }
    readActs(m.job, {
      layout: (layout) => port.postMessage({ type: 'layout', layout } satisfies Message),
      batch: async (batch) => {
        inFlight++;
        port.postMessage({ type: 'batch', batch } satisfies Message);
        while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      },
    }).then(
      () => port.postMessage({ type: 'done' } satisfies Message),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        port.postMessage({ type: 'error', kind: err instanceof DmpError ? err.kind : undefined, message: e.message, hint: err instanceof DmpError ? err.hint : undefined, stack: e.stack } satisfies Message);
      },
    );
  });
}

/**
 * Reads in a worker when running the built program; inline (same code, one thread) when
 * running from TypeScript sources, as the tests do, where no compiled worker file exists.
 */
export function readActsInBackground(job: ReadJob, events: { layout(l: Layout): void; batch(b: Parameters<ReadEvents['batch']>[0]): void }): Promise<void> {
  if (import.meta.url.endsWith('.ts')) return readActs(job, events);
  return new Promise<void>((resolve, reject) => {
    // This module's own file: reader-worker.js beside it, in dist/src and in the bundle alike.
    const worker = new Worker(new URL('./reader-worker.js', import.meta.url), { workerData: { role: READER_THREAD } });
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (err) reject(err);
      else resolve();
    };
    worker.on('message', (m: Message) => {
      if (settled) return;
      try {
        if (m.type === 'layout') events.layout(m.layout);
        else if (m.type === 'batch') {
          events.batch(m.batch);
          worker.postMessage({ type: 'ack' });
        } else if (m.type === 'done') finish();
        else finish(m.kind ? new DmpError(m.kind, m.message, m.hint) : Object.assign(new Error(m.message), { stack: m.stack }));
      } catch (err) {
        finish(err);
      }
    });
    worker.on('error', (err) => finish(err));
    worker.on('exit', (code) => finish(code === 0 ? undefined : new Error(`the CSV reader stopped (exit ${code})`)));
    worker.postMessage({ type: 'job', job });
  });
}

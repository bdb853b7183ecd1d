import cliProgress from 'cli-progress';
import type { Context } from '../../context.js';

/** Files smaller than this import in a blink: no bar. */
const BAR_FROM_BYTES = 4 * 1024 * 1024;

/**
 * A progress bar on stderr for a large file, only when stderr is a terminal (never in pipes
 * or logs). Returns the callback the import calls with bytes read, and a stop function.
 */
export function fileProgress(ctx: Context, file: string, totalBytes: number): { update(bytes: number): void; stop(): void } {
  if (!ctx.out.stderrIsTTY || totalBytes < BAR_FROM_BYTES) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: ctx.io.stderr, format: `${file} [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted}`, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const mb = (b: number) => Math.round(b / 1e5) / 10;
  bar.start(mb(totalBytes), 0);
  return { update: (bytes) => bar.update(mb(bytes)), stop: () => bar.stop() };
}

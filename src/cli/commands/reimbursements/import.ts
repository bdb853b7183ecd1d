import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { DmpError } from '../../../errors.js';
import { patientsByNameKey } from '../../../profile/patients.js';
import type { FileReport } from '../../../reimbursements/import.js';
import { action, examples } from '../../command.js';
import { EXIT } from '../../errors.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { checkInputs } from './input-files.js';
import { rejectsPaths } from './rejects-paths.js';
import { rowHint } from './row-hints.js';

interface ImportFlags {
  skipInvalid?: boolean;
  rejects?: string;
  dryRun?: boolean;
  force?: boolean;
}

export function registerImport(parent: Command, ctx: Context): void {
  parent
    .command('import')
    .description('import AMELI-style CSV exports of reimbursements (only the acts not seen before are added)')
    .argument('<files...>', 'CSV files (globs are expanded by the shell)')
    .option('--skip-invalid', 'import the valid rows of a file with bad rows (default: refuse the whole file)')
    .option('--rejects <path>', 'write the rejected rows, with a reason column, to this CSV file')
    .option('--force', 'overwrite an existing rejects file')
    .option('--dry-run', 'report what would be imported, change nothing')
    .addHelpText(
      'after',
      examples(
        'dmp reimbursements import ~/Downloads/ameli-*.csv',
        'dmp reimbursements import export.csv --skip-invalid --rejects to-fix.csv',
        'dmp --patient "Léo DUPONT" reimbursements import leo.csv --dry-run --json',
      ),
    )
    .action(action<ImportFlags>(ctx, ([files], flags) => importFiles(ctx, files as string[], flags)));
}

async function importFiles(ctx: Context, files: string[], flags: ImportFlags): Promise<void> {
  // Loaded here, not at start-up: the CSV reader, iconv-lite, csv-stringify and the progress
  // bar are a third of the bundle, and every other command would pay for parsing them.
  const [{ importFile, refusedFile }, { fileProgress }] = await Promise.all([import('../../../reimbursements/import.js'), import('./progress.js')]);
  const actor = requireSession(ctx);
  const db = ctx.store();
  const paths = files.map((f) => resolve(ctx.cwd, f));
  const sizes = checkInputs(files, paths);
  const rejects = flags.rejects === undefined ? undefined : rejectsPaths(flags.rejects, resolve(ctx.cwd, flags.rejects), paths, Boolean(flags.force));
  const defaultPatientId = currentPatient(ctx).id;
  const byName = patientsByNameKey(db);
  const people = new Map([...byName].map(([key, named]) => [key, named.map((p) => p.id)]));
  const birthDates = new Map([...byName.values()].flat().map((p) => [p.id, p.birthDate]));
  birthDates.set(defaultPatientId, currentPatient(ctx).birthDate);
  const reports: FileReport[] = [];
  // Ctrl-C stops the file being read (rolled back) and the ones after it; the report says which went in.
  const interrupt = new AbortController();
  const stopListening = ctx.interrupts?.(() => interrupt.abort());
  let stoppedAt = -1;
  try {
    for (const [i, path] of paths.entries()) {
      if (interrupt.signal.aborted) {
        stoppedAt = i;
        break;
      }
      const progress = fileProgress(ctx, basename(path), sizes[i]!);
      try {
        const report = await importFile(db, path, {
          actor: actor.username,
          now: ctx.now(),
          defaultPatientId,
          people,
          birthDates,
          skipInvalid: flags.skipInvalid,
          dryRun: flags.dryRun,
          rejectsPath: rejects?.[i],
          replaceRejects: flags.force,
          onUnknownColumns: (cols) => ctx.out.note(`${files[i]}: ignored unknown column${cols.length > 1 ? 's' : ''} ${cols.map((c) => `"${c}"`).join(', ')}.`),
          onProgress: (bytes) => progress.update(bytes),
          signal: interrupt.signal,
        });
        reports.push({ ...report, file: files[i]! });
      } catch (err) {
        if (err instanceof DmpError && err.kind === 'cancelled' && interrupt.signal.aborted) {
          stoppedAt = i;
          break;
        }
        if (!(err instanceof DmpError) || err.kind !== 'invalid') throw err;
        reports.push(refusedFile(files[i]!, err));
      } finally {
        progress.stop();
      }
    }
  } finally {
    stopListening?.();
  }
  if (stoppedAt >= 0) return reportInterrupted(ctx, reports, files.slice(stoppedAt), flags);
  if (reports.some((r) => r.status === 'rejected' || r.rejected > 0)) ctx.exitCode = EXIT.invalid;
  ctx.out.result({ files: withHints(reports) }, () => showReports(ctx, reports, flags));
}

/** Each row error with the next step, when there is one, for --json. */
function withHints(reports: FileReport[]) {
  return reports.map((r) => ({ ...r, errors: r.errors.map((e) => ({ ...e, hint: rowHint(e) ?? null })) }));
}

/** After Ctrl-C: what went in (committed, each file its own transaction) and what did not, then exit 130. */
function reportInterrupted(ctx: Context, reports: FileReport[], notImported: string[], flags: ImportFlags): void {
  ctx.exitCode = EXIT.cancelled;
  ctx.out.result({ files: withHints(reports), interrupted: true, notImported }, () => showReports(ctx, reports, flags));
  const done = reports.filter((r) => r.status === 'imported' || r.status === 'already-imported');
  ctx.out.note(`Interrupted. ${done.length > 0 ? `Imported: ${done.map((r) => `${r.file}${r.importId === null ? '' : ` (import ${r.importId})`}`).join(', ')}.` : 'No file was imported.'}`);
  ctx.out.note(`Not imported: ${notImported.join(', ')} (nothing from ${notImported.length > 1 ? 'them' : 'it'} was kept; import ${notImported.length > 1 ? 'them' : 'it'} again).`);
}

function showReports(ctx: Context, reports: FileReport[], flags: ImportFlags): void {
  ctx.out.table<FileReport>(
    [
      { header: 'file', value: (r) => r.file },
      { header: 'status', value: (r) => r.status },
      { header: 'import', value: (r) => r.importId, align: 'right' },
      { header: 'rows', value: (r) => r.rows, align: 'right' },
      { header: 'new', value: (r) => r.inserted, align: 'right' },
      { header: 'known', value: (r) => r.duplicates, align: 'right' },
      { header: 'rejected', value: (r) => r.rejected, align: 'right' },
      { header: 'older than 24 months', value: (r) => r.outsideWindow, align: 'right' },
    ],
    reports,
  );
  if (ctx.out.isTTY && reports.length > 1) {
    const sum = (k: 'rows' | 'inserted' | 'duplicates' | 'rejected') => reports.reduce((n, r) => n + r[k], 0);
    ctx.out.line(`Total: ${sum('rows')} rows in ${reports.length} files, ${sum('inserted')} new, ${sum('duplicates')} already known, ${sum('rejected')} rejected.`);
  }
  for (const r of reports) {
    if (r.status === 'already-imported') ctx.out.note(`${r.file} was already imported (import ${r.importId}); nothing added.`);
    for (const other of r.alsoImportedFor) {
      ctx.out.note(`${r.file} was also imported for person ${other.patientId ?? '(not recorded)'} (import ${other.importId}); if that was a mistake, \`dmp reimbursements undo ${other.importId}\` removes it.`);
    }
    for (const e of r.errors) {
      if (e.line === null) ctx.out.note(e.message);
      else ctx.out.note(`${r.file}:${e.line}: ${e.column ? `${e.column} "${e.value}": ` : ''}${e.message}.`);
      const hint = rowHint(e);
      if (hint) ctx.out.note(`  ${hint}`);
    }
    if (r.errorsOmitted > 0) ctx.out.note(`${r.file}: ${r.errorsOmitted} more errors not listed; --rejects PATH writes every rejected row with its reason.`);
    if (r.status === 'rejected' && r.rejected > 0) {
      ctx.out.note(`Nothing was imported from ${r.file}: fix the rows above, or pass --skip-invalid to import the valid ones.`);
    }
  }
  if (flags.dryRun) ctx.out.note('Dry run: nothing was changed.');
}

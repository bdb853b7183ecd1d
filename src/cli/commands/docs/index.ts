import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAdd } from './add.js';
import { registerArchive } from './archive.js';
import { registerEdit } from './edit.js';
import { registerExport } from './export.js';
import { registerList } from './list.js';
import { registerMask } from './mask.js';
import { registerReindex } from './reindex.js';
import { registerRestore } from './restore.js';
import { registerRm } from './rm.js';
import { registerSearch } from './search.js';
import { registerShow } from './show.js';
import { registerTypes } from './types.js';
import { registerUnmask } from './unmask.js';

export function registerDocs(program: Command, ctx: Context): void {
  const docs = program.command('docs').description('documents: add, list, search, export, in the DMP taxonomy');
  registerTypes(docs, ctx);
  registerAdd(docs, ctx);
  registerList(docs, ctx);
  registerShow(docs, ctx);
  registerSearch(docs, ctx);
  registerExport(docs, ctx);
  registerEdit(docs, ctx);
  registerMask(docs, ctx);
  registerUnmask(docs, ctx);
  registerArchive(docs, ctx);
  registerRestore(docs, ctx);
  registerRm(docs, ctx);
  registerReindex(docs, ctx);
}

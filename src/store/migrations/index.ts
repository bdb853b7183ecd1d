import type { Migration } from '../migrate.js';
import { foundation } from './001-foundation.js';
import { documents } from './002-documents.js';
import { reimbursements } from './003-reimbursements.js';
import { reimbursementBatches } from './006-reimbursement-batches.js';

/** Every migration, in order. Add new ones at the end with the next number. */
export const migrations: readonly Migration[] = [foundation, documents, reimbursements, reimbursementBatches];

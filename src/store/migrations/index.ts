import type { Migration } from '../migrate.js';
import { foundation } from './001-foundation.js';
import { documents } from './002-documents.js';
import { reimbursements } from './003-reimbursements.js';
import { encryption } from './004-encryption.js';
import { idsNeverReused } from './005-ids-never-reused.js';
import { reimbursementBatches } from './006-reimbursement-batches.js';
import { health } from './007-health.js';
import { consent } from './008-consent.js';
import { interop } from './009-interop.js';
import { actSectionIndex } from './010-act-section-index.js';
import { biologyActIndex } from './011-biology-act-index.js';
import { documentCategoryIndex } from './012-document-category-index.js';
import { actTotalsIndex } from './013-act-totals-index.js';

/** Every migration, in order. Add new ones at the end with the next number. */
export const migrations: readonly Migration[] = [foundation, documents, reimbursements, encryption, idsNeverReused, reimbursementBatches, health, consent, interop, actSectionIndex, biologyActIndex, documentCategoryIndex, actTotalsIndex];

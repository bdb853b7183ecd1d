/**
 * Every action the audit log knows. Areas add theirs here; a row's action is always one of these.
 * Rows carry ids, types and hashes, never titles, text or anything typed into a secret field.
 */
export type AuditAction =
  // account and sessions
  | 'account.create'
  | 'account.password-change'
  | 'account.recovery-codes'
  | 'account.wrong-password'
  | 'login'
  | 'login.failed'
  | 'login.locked'
  | 'login.refused-locked'
  | 'logout'
  | 'session.ended'
  // the record file
  | 'record.encrypted'
  | 'record.backup'
  | 'record.export'
  // people
  | 'patient.add'
  // documents
  | 'document.add'
  | 'document.archive'
  | 'document.edit'
  | 'document.export'
  | 'document.mask'
  | 'document.reindex'
  | 'document.remove'
  | 'document.restore'
  | 'document.unmask'
  // payer data
  | 'reimbursements.import'
  | 'reimbursements.undo';

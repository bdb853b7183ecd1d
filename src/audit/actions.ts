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
  | 'record.close'
  | 'record.reopen'
  | 'record.delete'
  // people
  | 'patient.add'
  | 'patient.edit'
  | 'patient.remove'
  | 'profile.edit'
  // the person's own health data
  | 'health.add'
  | 'health.edit'
  | 'health.rm'
  // consent (each change also a row of the consent history)
  | 'consent.gp.set'
  | 'consent.gp.clear'
  | 'consent.block'
  | 'consent.unblock'
  | 'consent.gp-rights.grant'
  | 'consent.gp-rights.revoke'
  | `consent.${'emergency' | 'samu'}.${'allow' | 'oppose'}`
  | 'consent.trusted-person.set'
  | 'consent.trusted-person.clear'
  | 'consent.contact.add'
  | 'consent.contact.remove'
  | 'consent.donation.set'
  | 'consent.directives.set'
  | 'consent.directives.clear'
  | 'consent.representatives.hide'
  | 'consent.representatives.unhide'
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
  | 'reimbursements.rebuild-totals'
  | 'reimbursements.undo';

// Run by test/store/crash-rebuild.test.ts as a separate process (to be killed with SIGKILL):
// changes the password of, or encrypts in place, the record named in argv[2] (JSON).
import { changePassword } from '../../dist/src/account/change.js';
import { encryptLegacyRecord } from '../../dist/src/account/encrypt.js';
import { deriveUnlock, loadAuditKey, parseKdf } from '../../dist/src/account/keys.js';
import { loadAccount } from '../../dist/src/account/account.js';
import { openRecord } from '../../dist/src/store/database.js';

const job = JSON.parse(process.argv[2]);
const now = new Date(job.now);
if (job.mode === 'password') {
  const key = { key: Buffer.from(job.key, 'hex'), salt: Buffer.from(job.salt, 'hex') };
  const db = openRecord(job.path, { key });
  const unlock = await deriveUnlock(job.password, parseKdf(loadAccount(db).kdf));
  loadAuditKey(db, unlock.wrapKey, loadAccount(db).audit_secret);
  await changePassword(db, { current: job.password, next: job.next }, now, job.cost, { path: job.path, key });
  db.close();
} else {
  const db = openRecord(job.path);
  await encryptLegacyRecord(db, job.path, job.password, now, job.cost);
  db.close();
}
process.stdout.write('done\n');

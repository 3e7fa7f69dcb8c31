// `npm run audit:verify`: recompute the audit trail's hash chain; exit 1 if any row was changed or removed.
import { closeDb, getDb } from '@/db/client';
import { verifyAuditChain } from '@/lib/audit/audit';

let result;
try {
  result = await verifyAuditChain(getDb());
} finally {
  await closeDb();
}
if (result.ok) {
  console.log(`audit chain intact: ${result.rows} rows`);
} else {
  console.error(`audit chain BROKEN at row ${result.brokenAtId} (${result.reason}) after ${result.rows} rows`);
  process.exitCode = 1;
}

// `npm run db:restore -- DIR [--force]`: restore a backup made by db:backup. The server must be
// stopped. The embedded database is restored into EJIA_DATA_DIR (the old one is moved aside
// with --force); PostgreSQL backups are restored into DATABASE_URL.
import fs from 'node:fs';
import path from 'node:path';
import { readBackupManifest, restorePglite, restorePostgres } from '@/db/backup';
import { env } from '@/lib/config/env';

const backupDir = process.argv[2] && !process.argv[2].startsWith('--') ? path.resolve(process.argv[2]) : '';
if (!backupDir) {
  console.error('用法：npm run db:restore -- <备份目录> [--force]');
  process.exit(2);
}
const force = process.argv.includes('--force');
const e = env();
const manifest = readBackupManifest(backupDir);
const secretsFile = path.join(e.dataDir, 'secrets.json');
try {
  if (manifest.engine === 'pglite') {
    if (e.DATABASE_URL) throw new Error('这是嵌入式数据库备份，请不要设置 DATABASE_URL');
    if (force && fs.existsSync(e.pgliteDir)) fs.renameSync(e.pgliteDir, `${e.pgliteDir}.before-restore-${Date.now()}`);
    await restorePglite(backupDir, e.pgliteDir, secretsFile);
  } else {
    if (!e.DATABASE_URL) throw new Error('这是 PostgreSQL 备份，请设置 DATABASE_URL 指向要恢复的数据库');
    const keysFromEnv = Boolean(e.PII_KEY && e.HMAC_KEY);
    await restorePostgres(backupDir, e.DATABASE_URL, keysFromEnv ? null : secretsFile);
    if (keysFromEnv) console.log('[ejia] keys come from the environment: set PII_KEY and HMAC_KEY to those in secrets.json of the backup');
  }
  console.log(`[ejia] restored ${manifest.engine} backup of ${manifest.createdAt}`);
} catch (error) {
  console.error(`[ejia] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

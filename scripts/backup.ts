// `npm run db:backup [-- --out DIR]`: database and keys into one folder (mode 0700).
import path from 'node:path';
import { backupDatabase } from '@/db/backup';
import { closeDb } from '@/db/client';
import { env } from '@/lib/config/env';

const outIndex = process.argv.indexOf('--out');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+/, '').replace('T', '-');
const outDir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(env().dataDir, 'backups', `ejia-${stamp}`));
const manifest = await backupDatabase(outDir);
await closeDb();
console.log(`[ejia] ${manifest.engine} backup written to ${outDir}`);
console.log('[ejia] the folder holds the encryption keys: keep it as safe as the database itself');

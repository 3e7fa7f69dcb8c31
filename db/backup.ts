import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { env } from '@/lib/config/env';
import { keyFingerprint, secrets } from '@/lib/config/secrets';
import { connection } from './client';
import { lockPath } from './pglite-lock';

// A backup is a folder: the database (a PGlite data-dir archive or a pg_dump custom-format file),
// the keys that decrypt it (losing the PII key loses the ID numbers, DESIGN.md §3) and a manifest.

export type BackupManifest = {
  format: 1;
  engine: 'pglite' | 'postgres';
  createdAt: string;
  databaseFile: string;
  fingerprints: { pii: string; hmac: string };
};

const PGLITE_ARCHIVE = 'database.tar.gz';
const POSTGRES_ARCHIVE = 'database.pgdump';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.trim()}`))));
  });
}

export async function backupDatabase(outDir: string): Promise<BackupManifest> {
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const current = connection();
  const s = secrets();
  let databaseFile: string;
  if (current.engine === 'pglite') {
    databaseFile = PGLITE_ARCHIVE;
    const archive = await current.pglite!.dumpDataDir('gzip');
    fs.writeFileSync(path.join(outDir, databaseFile), Buffer.from(await archive.arrayBuffer()), { mode: 0o600 });
  } else {
    databaseFile = POSTGRES_ARCHIVE;
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(outDir, databaseFile)}`, env().DATABASE_URL!]);
    fs.chmodSync(path.join(outDir, databaseFile), 0o600);
  }
  const keys = {
    sessionSecret: s.sessionSecret,
    piiKey: s.piiKey.toString('base64'),
    hmacKey: s.hmacKey.toString('base64'),
    vapidPublicKey: s.vapidPublicKey,
    vapidPrivateKey: s.vapidPrivateKey,
  };
  fs.writeFileSync(path.join(outDir, 'secrets.json'), JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  const manifest: BackupManifest = {
    format: 1,
    engine: current.engine,
    createdAt: new Date().toISOString(),
    databaseFile,
    fingerprints: { pii: keyFingerprint(s.piiKey), hmac: keyFingerprint(s.hmacKey) },
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  return manifest;
}

export function readBackupManifest(backupDir: string): BackupManifest {
  const file = path.join(backupDir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${backupDir} 不是备份目录（缺少 manifest.json）`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
}

/**
 * Restores a PGlite backup into `targetDir` (which must not exist or be in use) and its keys
 * into `secretsFile`.
 */
export async function restorePglite(backupDir: string, targetDir: string, secretsFile: string): Promise<void> {
  const manifest = readBackupManifest(backupDir);
  if (manifest.engine !== 'pglite') throw new Error('这是 PostgreSQL 备份，请设置 DATABASE_URL 后恢复');
  if (fs.existsSync(lockPath(targetDir))) throw new Error(`${targetDir} 正在使用中，请先停止服务`);
  if (fs.existsSync(targetDir) && fs.readdirSync(targetDir).length > 0) {
    throw new Error(`${targetDir} 已有数据；请先移走或使用 --force`);
  }
  const archive = fs.readFileSync(path.join(backupDir, manifest.databaseFile));
  fs.mkdirSync(path.dirname(targetDir), { recursive: true, mode: 0o700 });
  const restored = await PGlite.create({
    dataDir: targetDir,
    loadDataDir: new Blob([archive]),
    extensions: { ltree, pg_trgm },
  });
  await restored.close();
  restoreSecrets(backupDir, secretsFile);
}

/** Restores a PostgreSQL backup into the database at `targetUrl` (objects are replaced). */
export async function restorePostgres(backupDir: string, targetUrl: string, secretsFile: string | null): Promise<void> {
  const manifest = readBackupManifest(backupDir);
  if (manifest.engine !== 'postgres') throw new Error('这是嵌入式数据库备份，请不要设置 DATABASE_URL');
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${targetUrl}`, path.join(backupDir, manifest.databaseFile)]);
  if (secretsFile) restoreSecrets(backupDir, secretsFile);
}

function restoreSecrets(backupDir: string, secretsFile: string): void {
  if (fs.existsSync(secretsFile)) fs.renameSync(secretsFile, `${secretsFile}.before-restore-${Date.now()}`);
  fs.mkdirSync(path.dirname(secretsFile), { recursive: true, mode: 0o700 });
  fs.copyFileSync(path.join(backupDir, 'secrets.json'), secretsFile);
  fs.chmodSync(secretsFile, 0o600);
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resetEnvCache } from '@/lib/config/env';
import { resetSecretsCache } from '@/lib/config/secrets';

/** A private data folder (secrets, uploads) for one test file. */
export function prepareTemporaryDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-test-'));
  process.env.EJIA_DATA_DIR = dir;
  process.env.EJIA_JOBS_WORKER = 'off';
  process.env.EJIA_SEED_DEMO = 'false';
  resetEnvCache();
  resetSecretsCache();
  return dir;
}

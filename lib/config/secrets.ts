import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from './env';

export type Secrets = {
  sessionSecret: string;
  piiKey: Buffer;
  hmacKey: Buffer;
  vapidPublicKey: string;
  vapidPrivateKey: string;
};

type SecretsFile = {
  sessionSecret: string;
  piiKey: string;
  hmacKey: string;
  vapidPublicKey: string;
  vapidPrivateKey: string;
};

let cached: Secrets | undefined;

function generateVapidKeys(): { publicKey: string; privateKey: string } {
  // Web Push wants the raw uncompressed P-256 point and the private scalar, base64url.
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = publicKey.export({ format: 'jwk' });
  const priv = privateKey.export({ format: 'jwk' });
  const raw = Buffer.concat([
    Buffer.from([0x04]),
    Buffer.from(pub.x as string, 'base64url'),
    Buffer.from(pub.y as string, 'base64url'),
  ]);
  return { publicKey: raw.toString('base64url'), privateKey: priv.d as string };
}

function generateSecretsFile(): SecretsFile {
  const vapid = generateVapidKeys();
  return {
    sessionSecret: randomBytes(48).toString('base64url'),
    piiKey: randomBytes(32).toString('base64'),
    hmacKey: randomBytes(32).toString('base64'),
    vapidPublicKey: vapid.publicKey,
    vapidPrivateKey: vapid.privateKey,
  };
}

export function secretsFilePath(): string {
  return path.join(env().dataDir, 'secrets.json');
}

function readOrCreateSecretsFile(): SecretsFile {
  const file = secretsFilePath();
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile;
  }
  const created = generateSecretsFile();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx' so two processes starting together never overwrite each other's keys.
  try {
    fs.writeFileSync(file, JSON.stringify(created, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile;
    }
    throw error;
  }
  return created;
}

/** Secrets from the environment, else from `.data/secrets.json`, generated on first start. */
export function secrets(): Secrets {
  if (cached) return cached;
  const e = env();
  const allFromEnv = e.SESSION_SECRET && e.PII_KEY && e.HMAC_KEY && e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY;
  const file = allFromEnv ? undefined : readOrCreateSecretsFile();
  cached = {
    sessionSecret: e.SESSION_SECRET ?? file!.sessionSecret,
    piiKey: Buffer.from(e.PII_KEY ?? file!.piiKey, 'base64'),
    hmacKey: Buffer.from(e.HMAC_KEY ?? file!.hmacKey, 'base64'),
    vapidPublicKey: e.VAPID_PUBLIC_KEY ?? file!.vapidPublicKey,
    vapidPrivateKey: e.VAPID_PRIVATE_KEY ?? file!.vapidPrivateKey,
  };
  return cached;
}

export function resetSecretsCache(): void {
  cached = undefined;
}

/** A key's fingerprint is stored in the database so a changed or lost key is caught at start. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('ejia key fingerprint v1').digest('hex').slice(0, 32);
}

import path from 'node:path';
import { z } from 'zod';

// Read once, validated with clear messages; everything else asks this module.
const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, '必须是 32 字节密钥的 base64 编码 (must be 32 bytes, base64)');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  EJIA_DATA_DIR: z.string().default('.data'),
  // `memory://` keeps the embedded database in memory (tests); otherwise a folder.
  EJIA_PGLITE_DIR: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url('APP_URL 必须是完整网址，例如 https://ejia.example.cn').optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET 至少 32 个字符').optional(),
  PII_KEY: base64Key.optional(),
  HMAC_KEY: base64Key.optional(),
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  // Who the push services may contact about this sender: an https: URL or a mailto: address.
  VAPID_SUBJECT: z
    .string()
    .regex(/^(https:\/\/|mailto:)\S+$/, 'VAPID_SUBJECT 必须是 https:// 网址或 mailto: 邮箱')
    .optional(),
  // SMS (issue 7): `file` writes each message to <data dir>/sms-outbox.jsonl for development.
  SMS_PROVIDER: z.enum(['file', 'aliyun'], { error: 'SMS_PROVIDER 只能是 file（写入本地文件）或 aliyun（阿里云短信服务）' }).default('file'),
  SMS_ENDPOINT: z.url('SMS_ENDPOINT 必须是完整网址，例如 https://dysmsapi.aliyuncs.com/').default('https://dysmsapi.aliyuncs.com/'),
  SMS_ALIYUN_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  SMS_ALIYUN_ACCESS_KEY_SECRET: z.string().trim().min(1).optional(),
  SMS_SIGN_NAME: z.string().trim().min(2, 'SMS_SIGN_NAME 是短信签名，至少 2 个字').max(12, 'SMS_SIGN_NAME 是短信签名，不超过 12 个字').optional(),
  SMS_TEMPLATE_IMPORTANT_NOTICE: z.string().trim().min(1).optional(),
  SMS_TEMPLATE_ACTIVITY_REMINDER: z.string().trim().min(1).optional(),
  SMS_TEMPLATE_ACTIVATION_CODE: z.string().trim().min(1).optional(),
  SMS_TEMPLATE_RESET_CODE: z.string().trim().min(1).optional(),
  EJIA_SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  EJIA_JOBS_WORKER: z.enum(['on', 'off']).default('on'),
  SERVER_ACTIONS_ALLOWED_ORIGINS: z.string().optional(),
  // Reverse proxies in front of the app that append to X-Forwarded-For (0: none).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
}).superRefine((value, context) => {
  if (value.SMS_PROVIDER !== 'aliyun') return;
  // The real provider needs every credential and template code before the first message, not at it.
  const required = {
    SMS_ALIYUN_ACCESS_KEY_ID: '阿里云 AccessKey ID',
    SMS_ALIYUN_ACCESS_KEY_SECRET: '阿里云 AccessKey Secret',
    SMS_SIGN_NAME: '短信签名',
    SMS_TEMPLATE_IMPORTANT_NOTICE: '重要通知的模板 CODE',
    SMS_TEMPLATE_ACTIVITY_REMINDER: '活动提醒的模板 CODE',
    SMS_TEMPLATE_ACTIVATION_CODE: '激活码的模板 CODE',
    SMS_TEMPLATE_RESET_CODE: '重置码的模板 CODE',
  } as const;
  for (const [key, label] of Object.entries(required)) {
    if (!value[key as keyof typeof required]) context.addIssue({ code: 'custom', path: [key], message: `SMS_PROVIDER=aliyun 时必须设置 ${key}（${label}）` });
  }
});

export type Env = z.infer<typeof envSchema> & {
  dataDir: string;
  pgliteDir: string;
  appUrl: string;
  engine: 'pglite' | 'postgres';
};

let cached: Env | undefined;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`环境变量有误 (invalid environment):\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  const dataDir = path.resolve(value.EJIA_DATA_DIR);
  return {
    ...value,
    dataDir,
    pgliteDir: value.EJIA_PGLITE_DIR ?? path.join(dataDir, 'pglite'),
    appUrl: value.APP_URL ?? `http://localhost:${value.PORT}`,
    engine: value.DATABASE_URL ? 'postgres' : 'pglite',
  };
}

export function env(): Env {
  cached ??= readEnv();
  return cached;
}

/** Cookies are marked Secure when the app is served over https. */
export function servedOverHttps(): boolean {
  return env().appUrl.startsWith('https://');
}

/** Tests change the environment between cases; production reads it once. */
export function resetEnvCache(): void {
  cached = undefined;
}

import 'server-only';
import { env } from '@/lib/config/env';
import { secrets } from '@/lib/config/secrets';
import { createPushChannel } from './push';
import { createAliyunSmsChannel } from './sms-aliyun';
import { createFileSmsChannel } from './sms-file';
import type { PushChannel, SmsChannel } from './types';

/** The SMS driver the environment names (file by default, so nothing is sent by accident). */
export function smsChannel(): SmsChannel {
  const e = env();
  if (e.SMS_PROVIDER !== 'aliyun') return createFileSmsChannel(e.dataDir);
  // env() has already refused an aliyun provider without all of these.
  return createAliyunSmsChannel({
    endpoint: e.SMS_ENDPOINT,
    accessKeyId: e.SMS_ALIYUN_ACCESS_KEY_ID!,
    accessKeySecret: e.SMS_ALIYUN_ACCESS_KEY_SECRET!,
    signName: e.SMS_SIGN_NAME!,
    templateCodes: {
      important_notice: e.SMS_TEMPLATE_IMPORTANT_NOTICE!,
      activity_reminder: e.SMS_TEMPLATE_ACTIVITY_REMINDER!,
      activation_code: e.SMS_TEMPLATE_ACTIVATION_CODE!,
      reset_code: e.SMS_TEMPLATE_RESET_CODE!,
    },
  });
}

/** The VAPID identity: keys from the environment or generated once into the data dir (lib/config/secrets). */
export function vapidPublicKey(): string {
  return secrets().vapidPublicKey;
}

export function pushChannel(): PushChannel {
  const e = env();
  const subject = e.VAPID_SUBJECT ?? (e.appUrl.startsWith('https://') ? e.appUrl : 'mailto:ejia@localhost');
  return createPushChannel({ publicKey: secrets().vapidPublicKey, privateKey: secrets().vapidPrivateKey, subject });
}

export type Channels = { sms: SmsChannel; push: PushChannel };
export const defaultChannels = (): Channels => ({ sms: smsChannel(), push: pushChannel() });

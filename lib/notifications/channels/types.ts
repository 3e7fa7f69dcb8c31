import type { SmsTemplate } from '../categories';

// One interface for every channel beyond the in-app centre. A channel only talks to its provider:
// the job handler (lib/notifications/deliveries.ts) decides whether to send, records the outcome
// and retries. `permanent` says a retry cannot help (a bad number, a push subscription that is gone).
export type DeliveryResult = { ok: true; providerMessageId: string | null } | { ok: false; permanent: boolean; reason: string; gone?: boolean };

export interface Channel<Message> {
  readonly name: string;
  deliver(message: Message): Promise<DeliveryResult>;
}

export type SmsMessage = { phone: string; template: SmsTemplate; params: Record<string, string> };
export type SmsChannel = Channel<SmsMessage>;

export type PushMessage = {
  subscription: { endpoint: string; p256dh: string; auth: string };
  payload: { title: string; body: string; link: string | null };
};
export type PushChannel = Channel<PushMessage>;

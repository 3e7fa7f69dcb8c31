import fs from 'node:fs/promises';
import path from 'node:path';
import { messages } from '@/lib/i18n/messages';
import type { SmsChannel, SmsMessage } from './types';

/** Fills a template's ${name} parameters, as the provider would. */
export function renderSmsText(message: Pick<SmsMessage, 'template' | 'params'>): string {
  return messages.notifications.sms.templates[message.template].replace(/\$\{(\w+)\}/g, (_whole, name: string) => message.params[name] ?? '');
}

/**
 * Development driver: each message becomes a JSON line in <data dir>/sms-outbox.jsonl, the text
 * as a member would read it. The default when no provider is configured, so nothing is ever sent
 * by accident; the file holds codes in clear, as a phone would, so it belongs to a developer's machine.
 */
export function createFileSmsChannel(dataDir: string): SmsChannel {
  const file = path.join(dataDir, 'sms-outbox.jsonl');
  let sequence = 0;
  return {
    name: 'file',
    async deliver(message) {
      const id = `file-${Date.now()}-${++sequence}`;
      const line = { id, at: new Date().toISOString(), phone: message.phone, template: message.template, params: message.params, text: renderSmsText(message) };
      await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
      await fs.appendFile(file, JSON.stringify(line) + '\n', { mode: 0o600 });
      return { ok: true, providerMessageId: id };
    },
  };
}

import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { messages } from '@/lib/i18n/messages';
import { readTextSize, TEXT_SIZE_COOKIE } from '@/lib/preferences/text-size';
import { TextSizeForm } from './text-size-form';

export const metadata: Metadata = { title: messages.settings.title };

export default async function SettingsPage() {
  const current = readTextSize((await cookies()).get(TEXT_SIZE_COOKIE)?.value);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{messages.settings.title}</h1>
      <TextSizeForm current={current} />
    </div>
  );
}

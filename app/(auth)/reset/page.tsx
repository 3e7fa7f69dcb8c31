import type { Metadata } from 'next';
import { messages } from '@/lib/i18n/messages';
import { ResetForm } from './reset-form';

export const metadata: Metadata = { title: messages.reset.title };

export default function ResetPage() {
  return (
    <div className="space-y-5 rounded-2xl bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">{messages.reset.title}</h1>
      <p className="text-lg text-stone-700">{messages.reset.intro}</p>
      <ResetForm />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { messages } from '@/lib/i18n/messages';
import { ActivationForm } from './activation-form';

export const metadata: Metadata = { title: messages.auth.activateTitle };

export default function ActivatePage() {
  const t = messages.auth;
  return (
    <div className="space-y-5 rounded-2xl bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">{t.activateTitle}</h1>
      <p className="text-lg text-stone-700">{t.activateIntro}</p>
      <ActivationForm />
      <Link href="/login" className="block text-lg text-stone-700 underline underline-offset-4">
        {t.toMemberLogin}
      </Link>
    </div>
  );
}

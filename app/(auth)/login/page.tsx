import type { Metadata } from 'next';
import Link from 'next/link';
import { messages } from '@/lib/i18n/messages';
import { MemberLoginForm } from './member-login-form';
import { PasskeyLoginButton } from './passkey-login-button';

export const metadata: Metadata = { title: messages.auth.loginTitle };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const t = messages.auth;
  return (
    <div className="space-y-5 rounded-2xl bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">{t.loginTitle}</h1>
      <MemberLoginForm next={next} />
      <PasskeyLoginButton next={next} />
      <div className="flex justify-between text-lg">
        <Link href="/activate" className="text-party underline underline-offset-4">
          {t.toActivate}
        </Link>
        <Link href="/login/admin" className="text-stone-700 underline underline-offset-4">
          {t.toAdminLogin}
        </Link>
      </div>
      <Link href="/reset" className="block text-lg text-stone-700 underline underline-offset-4">
        {messages.reset.toReset}
      </Link>
    </div>
  );
}

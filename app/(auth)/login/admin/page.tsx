import type { Metadata } from 'next';
import Link from 'next/link';
import { messages } from '@/lib/i18n/messages';
import { AdminLoginForm } from './admin-login-form';

export const metadata: Metadata = { title: messages.auth.adminLoginTitle };

export default async function AdminLoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="space-y-5 rounded-2xl bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">{messages.auth.adminLoginTitle}</h1>
      <AdminLoginForm next={next} />
      <div className="flex justify-between text-lg">
        <Link href="/login" className="text-stone-700 underline underline-offset-4">
          {messages.auth.toMemberLogin}
        </Link>
        <Link href="/reset" className="text-stone-700 underline underline-offset-4">
          {messages.reset.toReset}
        </Link>
      </div>
    </div>
  );
}

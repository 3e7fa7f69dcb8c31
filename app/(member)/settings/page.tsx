import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { logout } from '@/lib/auth/actions';
import { getViewer } from '@/lib/auth/session';
import { messages } from '@/lib/i18n/messages';
import { readTextSize, TEXT_SIZE_COOKIE } from '@/lib/preferences/text-size';
import { TextSizeForm } from './text-size-form';

export const metadata: Metadata = { title: messages.settings.title };

export default async function SettingsPage() {
  const current = readTextSize((await cookies()).get(TEXT_SIZE_COOKIE)?.value);
  const viewer = await getViewer();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{messages.settings.title}</h1>
      <TextSizeForm current={current} />
      <section className="rounded-2xl bg-white p-4 shadow-sm">
        {viewer ? (
          <form action={logout} className="space-y-3">
            <p className="text-lg">{messages.auth.signedInAs(viewer.displayName ?? '')}</p>
            <button type="submit" className="min-h-12 w-full rounded-xl border-2 border-stone-300 text-lg">
              {messages.auth.logout}
            </button>
          </form>
        ) : (
          <Link href="/login" className="bg-party flex min-h-12 items-center justify-center rounded-xl text-lg font-semibold text-white">
            {messages.auth.login}
          </Link>
        )}
      </section>
    </div>
  );
}

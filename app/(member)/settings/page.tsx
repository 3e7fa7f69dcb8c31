import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { logout } from '@/lib/auth/actions';
import { RowAction } from '@/components/row-action';
import { endOwnSession } from '@/lib/auth/actions';
import { deviceLabel } from '@/lib/auth/device-label';
import { getOwnDevices, getOwnPasskeys, getViewer } from '@/lib/auth/session';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { messages } from '@/lib/i18n/messages';
import { readTextSize, TEXT_SIZE_COOKIE } from '@/lib/preferences/text-size';
import { PasskeysSection } from './passkeys-section';
import { NotificationSettings } from './notification-settings';
import { LogoutForm } from './logout-form';
import { TextSizeForm } from './text-size-form';

export const metadata: Metadata = { title: messages.settings.title };

export default async function SettingsPage() {
  const current = readTextSize((await cookies()).get(TEXT_SIZE_COOKIE)?.value);
  const viewer = await getViewer();
  const devices = viewer ? await getOwnDevices() : [];
  const passkeys = viewer?.tier === 'member' ? await getOwnPasskeys() : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{messages.settings.title}</h1>
      <TextSizeForm current={current} />
      {viewer?.tier === 'member' && viewer.memberId && <NotificationSettings memberId={viewer.memberId} />}
      {passkeys && <PasskeysSection passkeys={passkeys} />}
      {devices.length > 0 && (
        <section aria-labelledby="devices" className="space-y-3 rounded-2xl bg-white p-4 shadow-sm">
          <h2 id="devices" className="text-lg font-semibold">{messages.devices.heading}</h2>
          <ul className="divide-y divide-stone-100">
            {devices.map((device) => (
              <li key={device.idHash} className="flex items-start justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p className="truncate">
                    {deviceLabel(device.userAgent)}
                    {device.current && <span className="bg-party/10 text-party ml-2 rounded px-1.5 py-0.5 text-sm">{messages.devices.current}</span>}
                  </p>
                  <p className="text-sm text-stone-600">{messages.devices.lastSeen(formatBeijingDateTime(device.lastSeenAt))}</p>
                </div>
                {!device.current && <RowAction action={endOwnSession} fields={{ session: device.idHash }} label={messages.devices.end} />}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Link href="/privacy" className="flex min-h-12 items-center rounded-2xl bg-white px-4 text-lg shadow-sm">
        {messages.nav.privacy}
      </Link>
      <section className="rounded-2xl bg-white p-4 shadow-sm">
        {viewer ? (
          <LogoutForm action={logout} signedInAs={messages.auth.signedInAs(viewer.displayName ?? '')} label={messages.auth.logout} />
        ) : (
          <Link href="/login" className="bg-party flex min-h-12 items-center justify-center rounded-xl text-lg font-semibold text-white">
            {messages.auth.login}
          </Link>
        )}
      </section>
    </div>
  );
}

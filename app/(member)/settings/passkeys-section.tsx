import { RowAction } from '@/components/row-action';
import { removePasskey } from '@/lib/auth/passkey-actions';
import type { PasskeySummary } from '@/lib/auth/passkeys';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { AddPasskeyButton } from './add-passkey-button';

const t = messages.passkeys;

/** 通行密钥: the member's passkeys (label, added, last used), each removable, and a way to add one. */
export function PasskeysSection({ passkeys }: { passkeys: PasskeySummary[] }) {
  return (
    <section aria-labelledby="passkeys" className="space-y-3 rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="passkeys" className="text-lg font-semibold">{t.heading}</h2>
      <p className="text-stone-600">{t.intro}</p>
      {passkeys.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <ul aria-label={t.listLabel} className="divide-y divide-stone-100">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex items-start justify-between gap-3 py-2">
              <div className="min-w-0">
                <p className="truncate font-medium">{passkey.label}</p>
                <p className="text-sm text-stone-600">{t.addedAt(formatBeijingDateTime(passkey.createdAt))}</p>
                <p className="text-sm text-stone-600">{passkey.lastUsedAt ? t.lastUsed(formatBeijingDateTime(passkey.lastUsedAt)) : t.neverUsed}</p>
              </div>
              <RowAction action={removePasskey} fields={{ passkey: passkey.id }} label={t.remove} tone="danger" />
            </li>
          ))}
        </ul>
      )}
      <AddPasskeyButton />
    </section>
  );
}

'use client';

import { useActionState, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { messages } from '@/lib/i18n/messages';
import { DELIVERY_CHANNELS, NOTIFICATION_CATEGORIES } from '@/lib/notifications/categories';
import { channelOffered, SMS_CATEGORIES, type PreferenceGrid } from '@/lib/notifications/preferences';
import { saveNotificationPreferences } from '@/lib/notifications/settings-actions';

const t = messages.notifications.settings;

/** 消息提醒: which categories also reach the member by push or SMS; 短信退订 turns SMS off altogether. */
export function NotificationPreferencesForm({ grid, smsOptedOut }: { grid: PreferenceGrid; smsOptedOut: boolean }) {
  const [state, formAction, pending] = useActionState(saveNotificationPreferences, idleState);
  const [optOut, setOptOut] = useState(smsOptedOut);
  // SMS ticks are held here so that leaving 短信退订 ticks them again: saving with every SMS box
  // empty would be an opt-out by another name.
  const [smsTicks, setSmsTicks] = useState(() => Object.fromEntries(SMS_CATEGORIES.map((category) => [category, grid[category].sms])) as Record<string, boolean>);
  const toggleOptOut = (checked: boolean) => {
    setOptOut(checked);
    if (!checked && Object.values(smsTicks).every((ticked) => !ticked)) setSmsTicks(Object.fromEntries(SMS_CATEGORIES.map((category) => [category, true])));
  };
  return (
    <ActionForm action={formAction} aria-labelledby="notification-settings" className="space-y-3 rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="notification-settings" className="text-lg font-semibold">
        {t.heading}
      </h2>
      <p className="text-stone-600">{t.intro}</p>
      <table className="w-full text-left">
        <caption className="sr-only">{t.gridLabel}</caption>
        <thead>
          <tr className="border-b border-stone-200 text-stone-600">
            <th scope="col" className="py-2 font-normal">{t.category}</th>
            <th scope="col" className="py-2 text-center font-normal">{t.inApp}</th>
            {DELIVERY_CHANNELS.map((channel) => (
              <th key={channel} scope="col" className="py-2 text-center font-normal">{t.channels[channel]}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {NOTIFICATION_CATEGORIES.map((category) => (
            <tr key={category}>
              <th scope="row" className="py-2 font-normal">{messages.notifications.categories[category]}</th>
              <td className="text-center text-sm text-stone-600">{t.alwaysOn}</td>
              {DELIVERY_CHANNELS.map((channel) => (
                <td key={channel} className="text-center">
                  {channelOffered(category, channel) ? (
                    <label className="inline-flex min-h-12 min-w-12 cursor-pointer items-center justify-center">
                      <span className="sr-only">{`${messages.notifications.categories[category]} ${t.channels[channel]}`}</span>
                      {channel === 'sms' ? (
                        <input
                          type="checkbox"
                          name={`${channel}_${category}`}
                          checked={!optOut && smsTicks[category]}
                          onChange={(event) => setSmsTicks({ ...smsTicks, [category]: event.target.checked })}
                          disabled={optOut}
                          className="accent-party h-6 w-6"
                        />
                      ) : (
                        <input type="checkbox" name={`${channel}_${category}`} defaultChecked={grid[category][channel]} className="accent-party h-6 w-6" />
                      )}
                    </label>
                  ) : (
                    <span className="text-sm text-stone-600">{t.notOffered}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="flex min-h-12 cursor-pointer items-start gap-3 rounded-xl border-2 border-stone-200 p-3">
        <input type="checkbox" name="smsOptOut" checked={optOut} onChange={(event) => toggleOptOut(event.target.checked)} className="accent-party mt-1 h-6 w-6" />
        <span>
          <span className="block text-lg">{t.smsOptOut}</span>
          <span className="block text-sm text-stone-600">{t.smsOptOutHint}</span>
        </span>
      </label>
      <button type="submit" disabled={pending} className="bg-party min-h-12 w-full rounded-xl text-lg font-semibold text-white disabled:opacity-60">
        {pending ? t.saving : t.save}
      </button>
      <p role="status" aria-live="polite" className={state.status === 'success' ? 'text-green-700' : 'text-party'}>
        {state.status === 'idle' ? '' : state.message}
      </p>
    </ActionForm>
  );
}

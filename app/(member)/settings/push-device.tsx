'use client';

import { useEffect, useState, useTransition } from 'react';
import { idleState } from '@/lib/actions/action-state';
import { messages } from '@/lib/i18n/messages';
import { removePushDevice, savePushDevice } from '@/lib/notifications/settings-actions';

const t = messages.notifications.pushDevice;

type DeviceState = 'checking' | 'unsupported' | 'denied' | 'off' | 'on';

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** 在本设备接收推送: subscribes this browser through the service worker and tells the server. */
export function PushDevice({ publicKey, devices }: { publicKey: string; devices: number }) {
  const [state, setState] = useState<DeviceState>('checking');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let cancelled = false;
    (async () => {
      if (!pushSupported()) return 'unsupported' as const;
      if (Notification.permission === 'denied') return 'denied' as const;
      const registration = await navigator.serviceWorker.getRegistration();
      const subscription = await registration?.pushManager.getSubscription();
      return subscription ? ('on' as const) : ('off' as const);
    })()
      .catch(() => 'unsupported' as const)
      .then((found) => {
        if (!cancelled) setState(found);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const enable = () =>
    startTransition(async () => {
      setResult(null);
      try {
        if ((await Notification.requestPermission()) !== 'granted') {
          setState('denied');
          return;
        }
        const registration = await navigator.serviceWorker.ready;
        const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) });
        const json = subscription.toJSON();
        const form = new FormData();
        form.set('endpoint', subscription.endpoint);
        form.set('p256dh', json.keys?.p256dh ?? '');
        form.set('auth', json.keys?.auth ?? '');
        const saved = await savePushDevice(idleState, form);
        if (saved.status !== 'success') await subscription.unsubscribe();
        setState(saved.status === 'success' ? 'on' : 'off');
        setResult({ ok: saved.status === 'success', text: saved.status === 'idle' ? '' : saved.message });
      } catch {
        setResult({ ok: false, text: t.failed });
      }
    });

  const disable = () =>
    startTransition(async () => {
      setResult(null);
      const registration = await navigator.serviceWorker.getRegistration();
      const subscription = await registration?.pushManager.getSubscription();
      if (subscription) {
        const form = new FormData();
        form.set('endpoint', subscription.endpoint);
        await removePushDevice(idleState, form);
        await subscription.unsubscribe();
      }
      setState('off');
      setResult({ ok: true, text: t.removed });
    });

  return (
    <section aria-labelledby="push-device" className="space-y-3 rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="push-device" className="text-lg font-semibold">{t.heading}</h2>
      <p className="text-stone-600">{t.intro}</p>
      {devices > 0 && <p>{t.deviceCount(devices)}</p>}
      {state === 'unsupported' && <p className="text-stone-700">{t.unsupported}</p>}
      {state === 'denied' && <p className="text-stone-700">{t.denied}</p>}
      {(state === 'off' || state === 'on') && (
        <button
          type="button"
          onClick={state === 'on' ? disable : enable}
          disabled={pending}
          className={state === 'on' ? 'min-h-12 w-full rounded-xl border-2 border-stone-300 text-lg disabled:opacity-60' : 'bg-party min-h-12 w-full rounded-xl text-lg font-semibold text-white disabled:opacity-60'}
        >
          {state === 'on' ? (pending ? t.disabling : t.disable) : pending ? t.enabling : t.enable}
        </button>
      )}
      <p role="status" aria-live="polite" className={result?.ok ? 'text-green-700' : 'text-party'}>
        {result?.text ?? (state === 'on' ? t.enabled : '')}
      </p>
    </section>
  );
}

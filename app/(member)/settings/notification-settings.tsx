import { vapidPublicKey } from '@/lib/notifications/channels';
import { smsOptedOut } from '@/lib/notifications/preferences';
import { notificationSettingsReads } from '@/lib/notifications/settings-queries';
import { NotificationPreferencesForm } from './notification-preferences-form';
import { PushDevice } from './push-device';

/** The member's reminder settings: the category × channel grid and this device's push. */
export async function NotificationSettings({ memberId }: { memberId: string }) {
  const [grid, devices] = await Promise.all([notificationSettingsReads.preferences(memberId), notificationSettingsReads.pushDevices(memberId)]);
  return (
    <>
      <NotificationPreferencesForm grid={grid} smsOptedOut={smsOptedOut(grid)} />
      <PushDevice publicKey={vapidPublicKey()} devices={devices} />
    </>
  );
}

import { DELIVERY_CHANNELS, NOTIFICATION_CATEGORIES, type DeliveryChannel, type NotificationCategory } from './categories';

// A member's choice of channels beyond the in-app centre. The centre itself is always on: it is
// the record of what the member was told, so no preference can hide a notification from it.
//
// Defaults: Web Push on for every category (it costs nothing and a member turns it on per device
// anyway). SMS only where the system sends SMS at all — notices marked important (重要通知) and
// activity reminders — and on there by default, because in mainland China push rarely arrives
// and SMS is the dependable way to reach a member who does not open the app. Request results,
// case replies, dues and points never go by SMS (they wait in the centre), so they have no SMS
// choice to make.

/** Categories for which an SMS is ever sent, and so for which the member chooses. */
export const SMS_CATEGORIES = ['notice', 'activity'] as const satisfies readonly NotificationCategory[];

export type PreferenceChoice = { category: NotificationCategory; channel: DeliveryChannel; enabled: boolean };
export type PreferenceGrid = Record<NotificationCategory, Record<DeliveryChannel, boolean>>;

export function channelOffered(category: NotificationCategory, channel: DeliveryChannel): boolean {
  return channel === 'push' || (SMS_CATEGORIES as readonly NotificationCategory[]).includes(category);
}

export function defaultEnabled(category: NotificationCategory, channel: DeliveryChannel): boolean {
  return channelOffered(category, channel);
}

/** The member's effective grid: stored choices over the defaults; a channel not offered stays off. */
export function effectivePreferences(stored: readonly PreferenceChoice[]): PreferenceGrid {
  const grid = Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((category) => [category, Object.fromEntries(DELIVERY_CHANNELS.map((channel) => [channel, defaultEnabled(category, channel)]))]),
  ) as PreferenceGrid;
  for (const choice of stored) {
    if (channelOffered(choice.category, choice.channel)) grid[choice.category][choice.channel] = choice.enabled;
  }
  return grid;
}

/** 短信退订: the member has turned SMS off for every category that sends one. */
export function smsOptedOut(grid: PreferenceGrid): boolean {
  return SMS_CATEGORIES.every((category) => !grid[category].sms);
}

/**
 * The rows to store for a grid the member saved: only choices that differ from the default, so a
 * later change of default reaches everyone who never chose. Opting out of SMS turns every SMS
 * choice off whatever the grid says.
 */
export function choicesToStore(grid: PreferenceGrid, optOutSms: boolean): PreferenceChoice[] {
  const rows: PreferenceChoice[] = [];
  for (const category of NOTIFICATION_CATEGORIES) {
    for (const channel of DELIVERY_CHANNELS) {
      if (!channelOffered(category, channel)) continue;
      const enabled = channel === 'sms' && optOutSms ? false : grid[category][channel];
      if (enabled !== defaultEnabled(category, channel)) rows.push({ category, channel, enabled });
    }
  }
  return rows;
}

export type SkipReason = 'preference_off' | 'opted_out' | 'no_phone' | 'rate_limited' | 'no_subscription';

/** Whether a notification of this category goes out on this channel, and if not, why. */
export function channelDecision(grid: PreferenceGrid, category: NotificationCategory, channel: DeliveryChannel): { send: true } | { send: false; reason: SkipReason } {
  if (channel === 'sms' && smsOptedOut(grid)) return { send: false, reason: 'opted_out' };
  return grid[category][channel] ? { send: true } : { send: false, reason: 'preference_off' };
}

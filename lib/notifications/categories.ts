// What a notification is about (issue 7 §1): the member's preferences and the list's labels are per category.
export const NOTIFICATION_CATEGORIES = ['notice', 'activity', 'request_result', 'case_reply', 'dues', 'points'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

// Channels beyond the in-app centre, which every notification always reaches (it is the record).
export const DELIVERY_CHANNELS = ['push', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

// queued → sent, or failed once its retries are used up; skipped when a preference, an opt-out,
// a missing number or the per-number rate limit stopped it before any provider was asked.
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

// What an SMS says: each is a template registered with the provider, filled with named parameters.
export const SMS_TEMPLATES = ['important_notice', 'activity_reminder', 'activation_code', 'reset_code'] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

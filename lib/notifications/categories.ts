// What a notification is about (issue 7 §1): the member's preferences and the list's labels are per category.
export const NOTIFICATION_CATEGORIES = ['notice', 'activity', 'request_result', 'case_reply', 'dues', 'points'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

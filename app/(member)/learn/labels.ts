import { messages } from '@/lib/i18n/messages';

// The reader lists' labels, handed to client islands as props so the messages module stays on the server.
const r = messages.content.reader;
export const cardLabels = { unread: r.unread, targeted: r.targeted, pinned: messages.content.admin.pinned };
export const listLabels = { ...cardLabels, loadMore: r.loadMore, loading: r.loading, end: r.end, loadFailed: r.loadFailed };

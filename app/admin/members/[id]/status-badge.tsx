import { messages } from '@/lib/i18n/messages';
import type { MemberStatus } from '@/lib/members/member-status';

// Colours chosen for at least 4.5:1 contrast of the text on its background.
const TONES: Record<MemberStatus, string> = {
  registered: 'bg-green-100 text-green-900',
  outflow: 'bg-amber-100 text-amber-950',
  returned: 'bg-sky-100 text-sky-900',
  transferred_out: 'bg-stone-200 text-stone-800',
  lost_contact: 'bg-red-100 text-red-900',
  suspended: 'bg-stone-800 text-white',
};

export function StatusBadge({ status }: { status: MemberStatus }) {
  return <span className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${TONES[status]}`}>{messages.memberStatuses[status]}</span>;
}

import type { CertificateState } from '@/lib/flow/certificate-rules';
import { messages } from '@/lib/i18n/messages';

const tone: Record<CertificateState, string> = {
  valid: 'bg-green-100 text-green-900',
  expiring: 'bg-amber-100 text-amber-900',
  expired: 'bg-party/10 text-party-dark',
  renewed: 'bg-stone-200 text-stone-700',
  returned: 'bg-stone-200 text-stone-700',
};

/** A 活动证's state on the day, in words and colour (the words alone carry it). */
export function CertificateStateBadge({ state }: { state: CertificateState }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-sm font-medium whitespace-nowrap ${tone[state]}`}>{messages.flow.certificate.states[state]}</span>;
}

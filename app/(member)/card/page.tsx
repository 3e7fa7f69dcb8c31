import type { Metadata } from 'next';
import Link from 'next/link';
import { CertificateStateBadge } from '@/components/certificate-state-badge';
import { readOwnCard } from '@/lib/flow/ecard';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { requireMember } from '../archive/member-viewer';

export const metadata: Metadata = { title: messages.flow.ecard.title };
// A fresh code on every visit: the page is never served from a cache.
export const dynamic = 'force-dynamic';

const ec = messages.flow.ecard;

export default async function CardPage() {
  const viewer = await requireMember('/card');
  const card = await readOwnCard(viewer);
  if (!card) return <p className="text-lg">{messages.actions.forbidden}</p>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{ec.title}</h1>
      <p className="text-lg text-stone-700">{ec.intro}</p>
      <section aria-label={ec.title} className="border-party space-y-4 overflow-hidden rounded-2xl border-2 bg-white shadow-sm">
        <div className="bg-party flex items-center justify-between px-4 py-2 text-white">
          <span className="font-semibold">{messages.app.name}</span>
          <span>{ec.title}</span>
        </div>
        <div className="flex gap-4 px-4">
          {card.certificate && (
            // eslint-disable-next-line @next/next/no-img-element -- the member's own private photo: nothing for next/image to optimise or cache
            <img src={`/files/${card.certificate.photoFileId}`} alt={`${ec.photo}：${card.name}`} className="h-28 w-21 shrink-0 rounded object-cover" />
          )}
          <dl className="grid min-w-0 flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="sr-only">{messages.memberFields.fields.name}</dt>
            <dd className="col-span-2 text-2xl font-bold">{card.name}</dd>
            <dt className="text-stone-600">{ec.branch}</dt>
            <dd className="min-w-0 break-words">{card.branchName}</dd>
            <dt className="text-stone-600">{ec.status}</dt>
            <dd>{messages.memberStatuses[card.status]}</dd>
            {card.away && (
              <>
                <dt className="text-stone-600">{ec.away}</dt>
                <dd className="min-w-0 break-words">{card.away}</dd>
              </>
            )}
          </dl>
        </div>
        <div className="px-4">
          {card.certificate ? (
            <p className="flex flex-wrap items-center gap-2">
              <span className="text-stone-600">{ec.certificate}</span>
              <span>{card.certificate.number}</span>
              <span className="tabular-nums">
                {ec.validUntil} {card.certificate.validUntil}
              </span>
              <CertificateStateBadge state={card.certificate.state} />
            </p>
          ) : (
            <p className="text-stone-600">{ec.noCertificate}</p>
          )}
        </div>
        <figure className="flex flex-col items-center gap-2 border-t border-stone-200 px-4 py-4">
          <div role="img" aria-label={ec.qrLabel} className="w-56 max-w-full [&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: card.qrSvg }} />
          <figcaption className="text-center">
            <span className="block text-sm text-stone-600">{ec.code}</span>
            <span className="font-mono text-sm">{card.grouped}</span>
          </figcaption>
        </figure>
      </section>
      <p className="text-stone-600">{ec.codeExpires(formatBeijingDateTime(card.expiresAt))}</p>
      <Link href="/card" prefetch={false} className="border-party text-party flex min-h-12 items-center justify-center rounded-xl border-2 bg-white text-lg font-semibold">
        {ec.refresh}
      </Link>
    </div>
  );
}

import Link from 'next/link';
import type { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';

export type CardView = {
  id: string;
  title: string;
  summary: string;
  columnName: string;
  coverFileId: string | null;
  publishAt: string | Date;
  pinned: boolean;
  targeted: boolean;
  read: boolean;
};
type Labels = Pick<typeof messages.content.reader, 'unread' | 'targeted'> & { pinned: string };

/** One item in a reader's list: a large tap target with its column, date and whether it is new to them. */
export function ItemCard({ item, labels, showColumn = true }: { item: CardView; labels: Labels; showColumn?: boolean }) {
  const publishAt = new Date(item.publishAt);
  return (
    <Link href={`/read/${item.id}`} className="flex gap-3 rounded-2xl bg-white p-4 shadow-sm active:bg-stone-100">
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-lg leading-snug font-semibold">
          {item.pinned && <span className="bg-party mr-1.5 rounded px-1.5 py-0.5 align-middle text-sm font-normal text-white">{labels.pinned}</span>}
          {item.title}
        </p>
        {item.summary && <p className="line-clamp-2 text-stone-600">{item.summary}</p>}
        <p className="flex flex-wrap items-center gap-x-2 text-sm text-stone-500">
          {showColumn && <span>{item.columnName}</span>}
          <time dateTime={publishAt.toISOString()}>{formatBeijingDateTime(publishAt).slice(0, 10)}</time>
          {item.targeted && <span className="rounded bg-amber-100 px-1.5 text-amber-900">{labels.targeted}</span>}
          {!item.read && <span className="text-party font-medium">{labels.unread}</span>}
        </p>
      </div>
      {item.coverFileId && (
        // eslint-disable-next-line @next/next/no-img-element -- an authorised /files/ download, not a static asset
        <img src={`/files/${item.coverFileId}`} alt="" loading="lazy" decoding="async" className="h-20 w-24 shrink-0 rounded-lg object-cover" />
      )}
    </Link>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { callListPages } from '@/lib/call-lists/queries';
import { mayRunCallLists } from '@/lib/call-lists/rules';
import { messages } from '@/lib/i18n/messages';
import { beijingDay } from '@/lib/time/beijing';
import { CreateCallListForm } from './create-form';

export const metadata: Metadata = { title: messages.callLists.newHeading };

const t = messages.callLists;

export default async function NewCallListPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const viewer = await requireAdminViewer('/admin/call-lists/new');
  if (!mayRunCallLists(viewer)) forbidden();
  const [notices, orgs, params] = await Promise.all([callListPages.notices(viewer), callListPages.orgs(viewer), searchParams]);
  // A link from a notice's page preselects it, when it is one this admin may use.
  const preselected = notices.find((notice) => notice.id === params.notice)?.id;
  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/call-lists" className="text-party underline-offset-2 hover:underline">
          {t.back}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t.newHeading}</h1>
      <p className="max-w-3xl text-stone-600">{t.newIntro}</p>
      <CreateCallListForm
        notices={notices.map((notice) => ({ id: notice.id, label: `${notice.title}（${notice.columnName} · ${beijingDay(notice.publishAt)}）` }))}
        orgs={orgs}
        preselectedNotice={preselected}
      />
    </div>
  );
}

import type { Metadata } from 'next';
import { requireAdminViewer } from '@/lib/auth/guards';
import { messages } from '@/lib/i18n/messages';
import { getAdminOverview } from '@/lib/orgs/admin-queries';

export const metadata: Metadata = { title: messages.admin.overviewTitle };

export default async function AdminOverviewPage() {
  const viewer = await requireAdminViewer('/admin');
  const overview = await getAdminOverview(viewer);
  const t = messages.home;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{messages.admin.overviewTitle}</h1>
      <dl className="grid max-w-3xl grid-cols-1 gap-3 sm:grid-cols-3 sm:gap-4">
        {[
          { label: t.orgCount, value: overview.orgCount },
          { label: t.memberCount, value: overview.memberCount },
          { label: t.outflowCount, value: overview.outflowCount },
        ].map((figure) => (
          <div key={figure.label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-stone-600">{figure.label}</dt>
            <dd className="text-party text-3xl font-bold">{figure.value.toLocaleString('zh-CN')}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

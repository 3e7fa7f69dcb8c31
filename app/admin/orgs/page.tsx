import type { Metadata } from 'next';
import { requireAdminViewer } from '@/lib/auth/guards';
import { messages } from '@/lib/i18n/messages';
import { getScopedOrgTree } from '@/lib/orgs/admin-queries';
import { OrgAdminPanel } from './org-admin-panel';

export const metadata: Metadata = { title: messages.admin.orgTreeTitle };

export default async function AdminOrgsPage() {
  const viewer = await requireAdminViewer('/admin/orgs');
  const tree = await getScopedOrgTree(viewer);
  const baseDepth = viewer.scopePath.split('.').length;
  const options = tree.filter((org) => org.type !== 'party_group').map((org) => ({ id: org.id, name: org.name, depth: org.path.split('.').length - baseDepth }));
  const below = tree.filter((org) => org.path !== viewer.scopePath).map((org) => ({ id: org.id, name: org.name, depth: org.path.split('.').length - baseDepth }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{messages.admin.orgTreeTitle}</h1>
      <p className="text-stone-600">{messages.admin.orgTreeHint}</p>
      <ul aria-label={messages.admin.orgTreeTitle} className="max-w-4xl divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
        {tree.map((org) => (
          <li key={org.id} className="flex items-center gap-3 py-1.5 pr-4" style={{ paddingLeft: `${(org.path.split('.').length - baseDepth) * 1.5 + 1}rem` }}>
            <span className="min-w-0 flex-1 truncate">{org.name}</span>
            <span className="rounded bg-stone-100 px-2 py-0.5 text-sm text-stone-700">{messages.orgTypes[org.type]}</span>
            <span className="w-24 text-right text-sm text-stone-600 tabular-nums">{messages.admin.membersDirect(org.memberCount)}</span>
          </li>
        ))}
      </ul>
      {viewer.capabilities.includes('archive') && viewer.tier !== 'host_admin' && <OrgAdminPanel all={options} below={below} />}
    </div>
  );
}

import { AdminSidebar } from '@/components/admin-sidebar';
import { adminNavFor } from '@/components/navigation';
import { logout } from '@/lib/auth/actions';
import { getViewer } from '@/lib/auth/session';

// Desktop first: a sidebar and a dense content area. Each page checks its own access.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <AdminSidebar signedInAs={viewer && viewer.tier !== 'member' ? (viewer.displayName ?? '') : null} items={adminNavFor(viewer && viewer.tier !== 'member' ? viewer : null)} logoutAction={logout} />
      <main id="main" className="min-w-0 flex-1 p-4 md:p-6">
        {children}
      </main>
    </div>
  );
}

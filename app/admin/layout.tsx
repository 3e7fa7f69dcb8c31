import { AdminSidebar } from '@/components/admin-sidebar';

// Desktop first: a sidebar and a dense content area.
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh">
      <AdminSidebar />
      <main id="main" className="min-w-0 flex-1 p-6">
        {children}
      </main>
    </div>
  );
}

import 'server-only';
import { forbidden } from 'next/navigation';
import { ADMIN_TIERS } from '@/lib/auth/access';
import { requireAdminViewer } from '@/lib/auth/guards';
import type { Viewer } from '@/lib/auth/viewer';

/** The import pages are for admins who keep archives (the actions check the same again). */
export async function requireImporter(returnTo: string): Promise<Viewer> {
  const viewer = await requireAdminViewer(returnTo);
  if (!ADMIN_TIERS.includes(viewer.tier) || !viewer.capabilities.includes('archive')) forbidden();
  return viewer;
}

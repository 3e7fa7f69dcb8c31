import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getViewer } from './session';
import type { Viewer } from './viewer';

/** For admin pages: a signed-in admin of any tier above member, else login or 403. */
export async function requireAdminViewer(returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login/admin?next=${encodeURIComponent(returnTo)}`);
  if (viewer.tier === 'member') forbidden();
  return viewer;
}

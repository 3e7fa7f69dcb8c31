import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/session';
import type { Viewer } from '@/lib/auth/viewer';

/** For 我的档案: the signed-in member, else the member login (then back here) or 403 for admins. */
export async function requireMember(returnTo: string): Promise<Viewer & { memberId: string }> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  if (viewer.tier !== 'member' || !viewer.memberId) forbidden();
  return viewer as Viewer & { memberId: string };
}

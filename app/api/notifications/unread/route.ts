import { getViewer } from '@/lib/auth/session';
import { notificationReads } from '@/lib/notifications/queries';

export const dynamic = 'force-dynamic';

// The tab bar's unread count, fetched by the browser so that no page's HTML carries it (pages
// may be kept by the offline worker; this answer never is).
const headers = { 'Cache-Control': 'no-store, private' };

export async function GET() {
  const viewer = await getViewer();
  // Signed out (or an admin on a member page): nothing unread, and no error for the console.
  if (viewer?.tier !== 'member' || !viewer.memberId) return Response.json({ unread: 0 }, { headers });
  return Response.json({ unread: await notificationReads.unread(viewer.memberId) }, { headers });
}

import { checkHealth } from '@/lib/platform/queries';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const health = await checkHealth();
    return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}

import 'server-only';
import { getDb } from '@/db/client';
import { appendAuditFailure } from '@/lib/audit/audit';
import { getViewer, requestContext } from '@/lib/auth/session';
import { env } from '@/lib/config/env';
import { messages } from '@/lib/i18n/messages';
import { UPLOAD_MAX_BYTES } from '@/lib/storage/limits';
import { uploadEvidence } from './workflow';

// The evidence upload endpoint (POST /archive/evidence, one file a request). A route handler, not
// a server action, because the browser needs upload progress, which only XMLHttpRequest gives.
// It therefore makes the checks Next.js makes for actions itself: same origin, signed-in member.

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const served = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const allowed = (env().SERVER_ACTIONS_ALLOWED_ORIGINS ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  return host === served || allowed.includes(host);
}

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

export async function handleEvidenceUpload(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return answer(403, { ok: false, message: messages.actions.forbidden });
  const viewer = await getViewer();
  const { ip } = await requestContext();
  if (!viewer || viewer.tier !== 'member') {
    if (viewer) await appendAuditFailure({ actor: { userId: viewer.userId, tier: viewer.tier }, action: 'change_request.evidence_upload', ip, detail: { reason: 'not a member' } });
    return answer(403, { ok: false, message: messages.changeRequests.errors.memberOnly });
  }
  // Refuse what is plainly too large before reading it into memory.
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > UPLOAD_MAX_BYTES + 64 * 1024) return answer(413, { ok: false, message: messages.upload.tooLarge(UPLOAD_MAX_BYTES / 1024 / 1024) });
  let file: FormDataEntryValue | null = null;
  try {
    file = (await request.formData()).get('file');
  } catch {
    file = null;
  }
  if (!(file instanceof File)) return answer(400, { ok: false, message: messages.actions.invalid });
  const result = await uploadEvidence(getDb(), { viewer, ip }, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
  return result.ok ? answer(200, result) : answer(result.status, { ok: false, message: result.message });
}

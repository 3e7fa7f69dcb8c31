import { handleEvidenceUpload } from '@/lib/change-requests/evidence-upload';

export const dynamic = 'force-dynamic';

// Evidence for a change request, one file per POST, answered with JSON (id or message).
export function POST(request: Request): Promise<Response> {
  return handleEvidenceUpload(request);
}

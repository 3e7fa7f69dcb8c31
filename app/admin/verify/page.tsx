import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayManageHosting } from '@/lib/flow/hosting';
import { messages } from '@/lib/i18n/messages';
import { beijingDay } from '@/lib/time/beijing';
import { VerifyForm } from './verify-form';

export const metadata: Metadata = { title: messages.flow.ecard.verifyTitle };

const ec = messages.flow.ecard;

export default async function VerifyCardPage() {
  const viewer = await requireAdminViewer('/admin/verify');
  if (!mayManageHosting(viewer)) forbidden();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{ec.verifyTitle}</h1>
      <p className="max-w-4xl text-stone-600">{ec.verifyIntro}</p>
      <VerifyForm
        today={beijingDay()}
        labels={{
          scan: ec.scan,
          stopScan: ec.stopScan,
          scanUnsupported: ec.scanUnsupported,
          cameraDenied: ec.cameraDenied,
          codeInput: ec.codeInput,
          verify: ec.verify,
          verifying: ec.verifying,
          branch: ec.branch,
          status: ec.status,
          away: ec.away,
          certificate: ec.certificate,
          noCertificate: ec.noCertificate,
          validUntil: ec.validUntil,
          registration: ec.registration,
          noRegistration: ec.noRegistration,
          photo: ec.photo,
        }}
      />
    </div>
  );
}

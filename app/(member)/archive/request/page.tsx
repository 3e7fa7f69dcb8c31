import type { Metadata } from 'next';
import Link from 'next/link';
import { archiveReads } from '@/lib/change-requests/queries';
import { MAX_EVIDENCE_FILES } from '@/lib/change-requests/rules';
import { censusReads } from '@/lib/census/queries';
import { messages } from '@/lib/i18n/messages';
import type { MemberField } from '@/lib/members/field-policy';
import { DUES_CATEGORIES } from '@/lib/members/member-status';
import { UPLOAD_MAX_BYTES } from '@/lib/storage/limits';
import { requireMember } from '../member-viewer';
import { RequestForm, type FormField } from './request-form';

export const metadata: Metadata = { title: messages.changeRequests.form.title };

const m = messages.memberFields;

function kindOf(field: MemberField): Pick<FormField, 'kind' | 'options'> {
  switch (field) {
    case 'education':
      return { kind: 'select', options: m.educations.map((value) => ({ value, label: value })) };
    case 'duesCategory':
      return { kind: 'select', options: DUES_CATEGORIES.map((value) => ({ value, label: m.duesCategories[value] })) };
    case 'joinedPartyOn':
    case 'fullMemberOn':
      return { kind: 'date' };
    case 'monthlyIncome':
      return { kind: 'money' };
    case 'familySituation':
    case 'difficulties':
      return { kind: 'textarea' };
    default:
      return { kind: 'text' };
  }
}

export default async function ChangeRequestPage({ searchParams }: { searchParams: Promise<{ census?: string }> }) {
  const viewer = await requireMember('/archive/request');
  const [fields, censuses, params] = await Promise.all([archiveReads.requestForm(viewer), censusReads.forMember(viewer), searchParams]);
  // A census link only counts while that census still asks this member.
  const census = censuses.find((item) => item.id === params.census);
  const t = messages.changeRequests.form;
  return (
    <div className="space-y-4">
      <Link href="/archive" className="text-party inline-flex min-h-11 items-center text-lg underline underline-offset-4">
        {messages.changeRequests.archive.back}
      </Link>
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="text-lg text-stone-700">{t.intro}</p>
      {census && <p className="border-gold rounded-xl border-2 bg-amber-50 p-3 text-lg">{t.censusIntro(census.title)}</p>}
      {fields && (
        <RequestForm
          censusId={census?.id}
          maxFiles={MAX_EVIDENCE_FILES}
          fields={fields.map((item) => ({
            field: item.field,
            label: m.fields[item.field],
            newLabel: t.newValue(m.fields[item.field]),
            currentText: item.currentText,
            currentInput: item.currentInput,
            pending: item.pending,
            ...kindOf(item.field),
          }))}
          labels={{
            fieldsLegend: t.fieldsLegend,
            current: t.current,
            pendingAlready: t.pendingAlready,
            choose: t.choose,
            reason: t.reason,
            reasonHint: t.reasonHint,
            submit: t.submit,
            submitting: t.submitting,
            waitForUploads: t.waitForUploads,
            evidence: {
              legend: t.evidence,
              hint: t.evidenceHint(MAX_EVIDENCE_FILES, UPLOAD_MAX_BYTES / 1024 / 1024),
              add: t.addEvidence,
              uploading: t.uploading,
              uploaded: t.uploaded,
              failed: t.uploadFailed,
              remove: t.removeEvidence,
              tooMany: messages.changeRequests.errors.tooManyEvidence(MAX_EVIDENCE_FILES),
              networkError: t.networkError,
            },
          }}
        />
      )}
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { messages } from '@/lib/i18n/messages';
import { getMemberEditForm, type MemberEditForm } from '@/lib/members/detail-queries';
import { FIELD_GROUPS, FIELD_POLICY, type MemberField } from '@/lib/members/field-policy';
import { DUES_CATEGORIES, MEMBER_CATEGORIES, MEMBER_STATUSES } from '@/lib/members/member-status';
import { formText } from '@/lib/members/record-edit';
import { EditForm, type EditFieldSpec, type EditGroupSpec } from './edit-form';

export const metadata: Metadata = { title: messages.memberRecord.edit };

const t = messages.memberRecord;
const f = messages.memberFields;

type Option = { value: string; label: string };

/** A select's options, keeping a current value the list no longer has (so saving does not drop it). */
function withCurrent(options: Option[], current: string, label = current): Option[] {
  return current === '' || options.some((option) => option.value === current) ? options : [...options, { value: current, label }];
}

function fieldSpec(form: MemberEditForm, field: MemberField): EditFieldSpec {
  const current = form.detail.fields.find((item) => item.field === field);
  const value = current?.display === 'plain' ? formText(current.value) : '';
  const base = { field, label: f.fields[field], defaultValue: value };
  const empty: Option = { value: '', label: t.emptyOption };
  switch (field) {
    case 'idNumber':
      return { ...base, kind: 'text', hint: t.idNumberHint };
    case 'monthlyIncome':
      return { ...base, kind: 'text', inputMode: 'decimal', hint: t.keepBlankHint };
    case 'phone':
    case 'emergencyContactPhone':
      return { ...base, kind: 'tel' };
    case 'joinedPartyOn':
    case 'fullMemberOn':
    case 'probationEndsOn':
      return { ...base, kind: 'date' };
    case 'familySituation':
    case 'difficulties':
      return { ...base, kind: 'textarea' };
    case 'skills':
      return { ...base, kind: 'text', hint: t.skillsHint };
    case 'education':
      return { ...base, kind: 'select', options: withCurrent([empty, ...f.educations.map((item) => ({ value: item, label: item }))], value) };
    case 'category':
      return { ...base, kind: 'select', required: true, options: MEMBER_CATEGORIES.map((item) => ({ value: item, label: f.categories[item] })) };
    case 'status':
      return { ...base, kind: 'select', required: true, options: MEMBER_STATUSES.map((item) => ({ value: item, label: messages.memberStatuses[item] })) };
    case 'duesCategory':
      return { ...base, kind: 'select', options: [empty, ...DUES_CATEGORIES.map((item) => ({ value: item, label: f.duesCategories[item] }))] };
    case 'org':
      return {
        ...base,
        kind: 'org',
        required: true,
        options: withCurrent(
          form.orgs.map((org) => ({ value: String(org.id), label: `${'　'.repeat(org.depth)}${org.name}` })),
          value,
          current?.text,
        ),
      };
    case 'group':
      return { ...base, kind: 'group' };
    case 'contactPerson':
      return { ...base, kind: 'select', options: withCurrent([empty, ...form.contactPersons.map((person) => ({ value: person.id, label: person.name }))], value, current?.text) };
    case 'name':
      return { ...base, kind: 'text', required: true };
    default:
      return { ...base, kind: 'text' };
  }
}

export default async function MemberEditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireAdminViewer(`/admin/members/${id}/edit`);
  const form = await getMemberEditForm({ viewer, memberId: id });
  // Out of scope, missing, or a viewer who may not edit (a host admin): not found.
  if (!form) notFound();
  const back = `/admin/members/${form.detail.id}`;
  const groups: EditGroupSpec[] = FIELD_GROUPS.map((group) => ({
    group,
    label: f.groups[group],
    fields: form.editable.filter((field) => FIELD_POLICY[field].group === group).map((field) => fieldSpec(form, field)),
  })).filter((group) => group.fields.length > 0);
  return (
    <div className="max-w-4xl space-y-6">
      <nav aria-label={t.breadcrumb}>
        <Link href={back} className="text-party underline">
          {t.editBack}
        </Link>
      </nav>
      <h1 className="text-2xl font-bold">{t.editTitle(form.detail.name)}</h1>
      <p className="text-stone-600">{t.editIntro}</p>
      <EditForm
        memberId={form.detail.id}
        groups={groups}
        partyGroups={form.groups.map((group) => ({ value: String(group.id), label: group.name, orgId: String(group.orgId) }))}
        emptyOption={t.emptyOption}
        labels={{ save: t.editSave, saving: t.editSaving, back: t.editBack, backHref: back }}
      />
    </div>
  );
}

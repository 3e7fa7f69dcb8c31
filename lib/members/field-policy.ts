import type { Viewer } from '@/lib/auth/viewer';

// THE policy for member-record fields (issue 4): which a member edits directly, which need a
// reviewed change request, which only admins change, which are sensitive, and which a host
// (流入地) admin may see. Every screen, action, import and export reads it from here.

export const MEMBER_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'education',
  'phone',
  'joinedPartyOn',
  'fullMemberOn',
  'category',
  'probationEndsOn',
  'org',
  'group',
  'status',
  'occupation',
  'industry',
  'workUnit',
  'skills',
  'monthlyIncome',
  'duesCategory',
  'familySituation',
  'difficulties',
  'emergencyContactName',
  'emergencyContactRelation',
  'emergencyContactPhone',
  'lastContactOn',
  'contactPerson',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export const FIELD_GROUPS = ['identity', 'party', 'work', 'dues', 'family', 'contact'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/**
 * `direct`: the member changes it at once (skills, so job notices match; contact details).
 * `review`: the member files a change request with reason and evidence; the branch approves.
 * `admin`: only an admin with the archive capability changes it (derived, organisational or
 * status fields, and the ID number, which identifies the archive itself).
 */
export type MemberEdit = 'direct' | 'review' | 'admin';

/**
 * `pii`: shown masked; the full value needs the pii_reveal capability, and revealing is audited.
 * `income`: hidden from admins without pii_reveal (DESIGN.md §5: income is visible only to the
 * member and the admins in scope who hold that capability).
 */
export type Sensitivity = 'normal' | 'pii' | 'income';

export type FieldRule = { group: FieldGroup; memberEdit: MemberEdit; sensitivity: Sensitivity; hostSees: boolean };

export const FIELD_POLICY: Readonly<Record<MemberField, FieldRule>> = {
  name: { group: 'identity', memberEdit: 'review', sensitivity: 'normal', hostSees: true },
  gender: { group: 'identity', memberEdit: 'admin', sensitivity: 'normal', hostSees: true },
  ethnicity: { group: 'identity', memberEdit: 'review', sensitivity: 'normal', hostSees: false },
  birthDate: { group: 'identity', memberEdit: 'admin', sensitivity: 'normal', hostSees: false },
  idNumber: { group: 'identity', memberEdit: 'admin', sensitivity: 'pii', hostSees: false },
  education: { group: 'identity', memberEdit: 'review', sensitivity: 'normal', hostSees: false },
  phone: { group: 'identity', memberEdit: 'direct', sensitivity: 'normal', hostSees: true },
  joinedPartyOn: { group: 'party', memberEdit: 'review', sensitivity: 'normal', hostSees: false },
  fullMemberOn: { group: 'party', memberEdit: 'review', sensitivity: 'normal', hostSees: false },
  category: { group: 'party', memberEdit: 'admin', sensitivity: 'normal', hostSees: true },
  probationEndsOn: { group: 'party', memberEdit: 'admin', sensitivity: 'normal', hostSees: false },
  org: { group: 'party', memberEdit: 'admin', sensitivity: 'normal', hostSees: true },
  group: { group: 'party', memberEdit: 'admin', sensitivity: 'normal', hostSees: false },
  status: { group: 'party', memberEdit: 'admin', sensitivity: 'normal', hostSees: true },
  occupation: { group: 'work', memberEdit: 'review', sensitivity: 'normal', hostSees: true },
  industry: { group: 'work', memberEdit: 'review', sensitivity: 'normal', hostSees: true },
  workUnit: { group: 'work', memberEdit: 'review', sensitivity: 'normal', hostSees: false },
  skills: { group: 'work', memberEdit: 'direct', sensitivity: 'normal', hostSees: true },
  monthlyIncome: { group: 'dues', memberEdit: 'review', sensitivity: 'income', hostSees: false },
  duesCategory: { group: 'dues', memberEdit: 'review', sensitivity: 'normal', hostSees: false },
  familySituation: { group: 'family', memberEdit: 'review', sensitivity: 'normal', hostSees: false },
  difficulties: { group: 'family', memberEdit: 'review', sensitivity: 'normal', hostSees: false },
  emergencyContactName: { group: 'contact', memberEdit: 'direct', sensitivity: 'normal', hostSees: false },
  emergencyContactRelation: { group: 'contact', memberEdit: 'direct', sensitivity: 'normal', hostSees: false },
  emergencyContactPhone: { group: 'contact', memberEdit: 'direct', sensitivity: 'normal', hostSees: false },
  lastContactOn: { group: 'contact', memberEdit: 'admin', sensitivity: 'normal', hostSees: false },
  contactPerson: { group: 'contact', memberEdit: 'admin', sensitivity: 'normal', hostSees: false },
};

export const DIRECT_EDIT_FIELDS = MEMBER_FIELDS.filter((field) => FIELD_POLICY[field].memberEdit === 'direct');
export const REVIEWED_FIELDS = MEMBER_FIELDS.filter((field) => FIELD_POLICY[field].memberEdit === 'review');
export const HOST_FIELDS = MEMBER_FIELDS.filter((field) => FIELD_POLICY[field].hostSees);

/**
 * How a field is shown to this viewer: `hidden` (not sent at all), `plain`, `masked` (the masked
 * form; the full value is not sent) or `revealable` (masked, and this viewer may ask for the full
 * value, which is audited). `own` is true when a member looks at their own record.
 */
export type FieldDisplay = 'hidden' | 'plain' | 'masked' | 'revealable';

export function fieldDisplay(viewer: Pick<Viewer, 'tier' | 'capabilities'>, field: MemberField, own = false): FieldDisplay {
  const rule = FIELD_POLICY[field];
  if (viewer.tier === 'member') {
    if (!own) return 'hidden';
    return rule.sensitivity === 'normal' ? 'plain' : 'revealable';
  }
  if (viewer.tier === 'host_admin') return rule.hostSees && rule.sensitivity === 'normal' ? 'plain' : 'hidden';
  if (!viewer.capabilities.includes('archive')) return 'hidden';
  const mayReveal = viewer.capabilities.includes('pii_reveal');
  if (rule.sensitivity === 'pii') return mayReveal ? 'revealable' : 'masked';
  if (rule.sensitivity === 'income') return mayReveal ? 'revealable' : 'hidden';
  return 'plain';
}

/** The fields this viewer may see at all, in display order. */
export function visibleFields(viewer: Pick<Viewer, 'tier' | 'capabilities'>, own = false): MemberField[] {
  return MEMBER_FIELDS.filter((field) => fieldDisplay(viewer, field, own) !== 'hidden');
}

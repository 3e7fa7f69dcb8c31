import { describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import type { RecordValues } from './field-values';
import { adminEditableFields, contactSchema, newerContactDay, planRecordChanges, revealSchema, updateSchema } from './record-edit';

const today = '2026-12-05';
const admin = (tier: Viewer['tier'], capabilities: Viewer['capabilities']) => ({ tier, capabilities });
const MEMBER_ID = '0b7f5c9e-3a52-4c1d-9d8e-2f4a6b8c0d1e';

const current: RecordValues = {
  name: '张伟',
  gender: 'male',
  birthDate: '1980-01-01',
  idNumber: '34052419800101001X',
  category: 'full',
  probationEndsOn: null,
  joinedPartyOn: '2005-07-01',
  fullMemberOn: '2006-07-01',
  workUnit: '东关村委会',
  skills: ['电工'],
  monthlyIncome: 490000,
  org: '12',
  status: 'registered',
};

describe('which fields an admin may change', () => {
  it('offers an archive admin every field but the derived ones, and income only with pii_reveal', () => {
    const plain = adminEditableFields(admin('org_admin', ['archive']));
    expect(plain).toContain('workUnit');
    expect(plain).toContain('idNumber');
    expect(plain).not.toContain('monthlyIncome');
    for (const derived of ['gender', 'birthDate', 'lastContactOn'] as const) expect(plain).not.toContain(derived);
    expect(adminEditableFields(admin('county_admin', ['archive', 'pii_reveal']))).toContain('monthlyIncome');
  });

  it('offers nothing to a host admin, a member, or an admin without the archive capability', () => {
    expect(adminEditableFields(admin('host_admin', ['archive']))).toEqual([]);
    expect(adminEditableFields(admin('member', []))).toEqual([]);
    expect(adminEditableFields(admin('org_admin', ['content', 'pii_reveal']))).toEqual([]);
  });
});

describe('planning a record edit', () => {
  const editable = adminEditableFields(admin('county_admin', ['archive', 'pii_reveal']));

  it('keeps only the fields whose value really changes, in canonical form', () => {
    const plan = planRecordChanges(current, { name: '张伟', workUnit: ' 清源县农机站 ', skills: '电工、焊工', joinedPartyOn: '2005.7.1' }, editable, today);
    expect(plan).toEqual({ changes: { workUnit: '清源县农机站', skills: ['电工', '焊工'] }, fieldErrors: {} });
  });

  it('takes an untouched field as no change, even one holding a value today’s rules refuse', () => {
    const legacy: RecordValues = { ...current, education: '研究生' };
    expect(planRecordChanges(legacy, { education: '研究生', workUnit: '东关村委会', skills: '电工' }, editable, today)).toEqual({ changes: {}, fieldErrors: {} });
    expect(planRecordChanges(legacy, { education: '研究生班' }, editable, today).fieldErrors.education).toEqual(['请从给定的选项中选择。']);
  });

  it('leaves the ID number and income alone when their inputs are left empty', () => {
    expect(planRecordChanges(current, { idNumber: '', monthlyIncome: '  ' }, editable, today)).toEqual({ changes: {}, fieldErrors: {} });
    expect(planRecordChanges(current, { monthlyIncome: '5100' }, editable, today).changes).toEqual({ monthlyIncome: 510000 });
  });

  it('reports each bad value in Chinese and keeps the good ones out of an erroneous plan', () => {
    const plan = planRecordChanges(current, { idNumber: '340524198001010010', phone: '12345', workUnit: 'x' }, editable, today);
    expect(plan.fieldErrors.idNumber?.[0]).toContain('校验位');
    expect(plan.fieldErrors.phone).toEqual(['请填写11位手机号码。']);
    expect(plan.fieldErrors.workUnit).toBeUndefined();
  });

  it('refuses a posted field the admin may not change, such as a derived one', () => {
    expect(planRecordChanges(current, { gender: 'female' }, editable, today).fieldErrors.gender).toEqual(['该项不能在此修改。']);
    const withoutReveal = adminEditableFields(admin('org_admin', ['archive']));
    expect(planRecordChanges(current, { monthlyIncome: '1' }, withoutReveal, today).fieldErrors.monthlyIncome).toEqual(['该项不能在此修改。']);
  });

  it('reports a cross-field problem the change introduces, not one the record already had', () => {
    const probationary = planRecordChanges(current, { category: 'probationary' }, editable, today);
    expect(probationary.fieldErrors.probationEndsOn).toEqual(['预备党员需填写预备期满日期。']);
    expect(planRecordChanges(current, { fullMemberOn: '2004-01-01' }, editable, today).fieldErrors.fullMemberOn).toEqual(['转正时间不能早于入党时间。']);
    const alreadyInconsistent: RecordValues = { ...current, category: 'probationary', probationEndsOn: null };
    expect(planRecordChanges(alreadyInconsistent, { workUnit: '农机站' }, editable, today)).toEqual({ changes: { workUnit: '农机站' }, fieldErrors: {} });
  });
});

describe('contact dates', () => {
  it('moves the last contact date only forward', () => {
    expect(newerContactDay(null, '2026-03-01')).toBe('2026-03-01');
    expect(newerContactDay('2026-03-01', '2026-05-01')).toBe('2026-05-01');
    expect(newerContactDay('2026-05-01', '2026-03-01')).toBe('2026-05-01');
  });
});

describe('form schemas', () => {
  it('accepts a contact with a way from the list and a note up to 500 characters', () => {
    const parsed = contactSchema.parse({ memberId: MEMBER_ID, contactedOn: '2026-12-01', way: 'wechat', contactedBy: ' 李书记 ', note: '' });
    expect(parsed).toEqual({ memberId: MEMBER_ID, contactedOn: '2026-12-01', way: 'wechat', contactedBy: '李书记', note: null });
  });

  it('refuses an unknown way, a missing name and an over-long note with Chinese messages', () => {
    const result = contactSchema.safeParse({ memberId: MEMBER_ID, contactedOn: '2026-12-01', way: 'telegram', contactedBy: ' ', note: '字'.repeat(501) });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));
    expect(messages).toEqual({ way: '请选择联系方式。', contactedBy: '请填写联系人姓名。', note: '情况记录不能超过500个字。' });
  });

  it('reveals only the ID number or income, and only of a well-formed member id', () => {
    expect(revealSchema.safeParse({ memberId: MEMBER_ID, field: 'idNumber' }).success).toBe(true);
    expect(revealSchema.safeParse({ memberId: MEMBER_ID, field: 'phone' }).success).toBe(false);
    expect(revealSchema.safeParse({ memberId: "1' OR '1'='1", field: 'idNumber' }).success).toBe(false);
    expect(updateSchema.safeParse({ memberId: MEMBER_ID, workUnit: 'x'.repeat(2001) }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import { computeIdNumberCheckChar } from '@/lib/members/id-number';
import { EARLIEST_REPORT_DAY, noteAfterLeaving, parseInflowLeaving, parseInflowRegistration } from './inflow-rules';

const e = messages.inflow.errors;
const today = '2026-06-15';

/** A well-formed ID number (Shenzhen Nanshan, born 1990-03-07): sequence 123 is odd, so male. */
const withCheck = (first17: string) => `${first17}${computeIdNumberCheckChar(first17)}`;
const MALE_ID = withCheck('44030519900307123');
const FEMALE_ID = withCheck('44030519900307124');
const wrongCheck = (id: string) => `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;

const form = (overrides: Record<string, unknown> = {}) => ({
  receivingOrgId: '12',
  placedOrgId: '15',
  name: '李建国',
  idNumber: MALE_ID,
  phone: '13800138000',
  originalOrgName: '中共某某县某某镇某某村支部委员会',
  originalOrgContact: '',
  certificateNumber: '',
  reportedOn: '2026-05-20',
  note: '',
  ...overrides,
});

describe('parseInflowRegistration', () => {
  it('takes a complete form, trimming text, deriving gender from the ID number and leaving blanks as null', () => {
    expect(parseInflowRegistration(form({ name: ' 李建国 ', phone: '138 0013-8000', originalOrgName: ' 中共某某县某某镇某某村支部委员会 ' }), today)).toEqual({
      ok: true,
      value: {
        receivingOrgId: 12,
        placedOrgId: 15,
        name: '李建国',
        idNumber: MALE_ID,
        gender: 'male',
        phone: '13800138000',
        originalOrgName: '中共某某县某某镇某某村支部委员会',
        originalOrgContact: null,
        certificateNumber: null,
        reportedOn: '2026-05-20',
        note: null,
      },
    });
  });

  it('keeps the optional fields when given, reads a lower-case x and an even sequence as female', () => {
    // Sequence 105: its check character is X.
    const endsInX = withCheck('44030519900307105');
    const parsed = parseInflowRegistration(
      form({ idNumber: FEMALE_ID, originalOrgContact: '王书记 13900001111', certificateNumber: '〔2026〕0012号', note: '在本地务工', reportedOn: today }),
      today,
    );
    expect(parsed).toMatchObject({ ok: true, value: { gender: 'female', originalOrgContact: '王书记 13900001111', certificateNumber: '〔2026〕0012号', note: '在本地务工', reportedOn: today } });
    expect(endsInX).toMatch(/X$/);
    expect(parseInflowRegistration(form({ idNumber: endsInX.toLowerCase() }), today)).toMatchObject({ ok: true, value: { idNumber: endsInX, gender: 'male' } });
  });

  it('names the ID number problem: bad check digit, wrong length, unknown province, impossible birth date', () => {
    const problem = (idNumber: string) => parseInflowRegistration(form({ idNumber }), today);
    expect(problem(wrongCheck(MALE_ID))).toEqual({ ok: false, fieldErrors: { idNumber: [messages.idNumber.checkChar] } });
    expect(problem(MALE_ID.slice(0, 17))).toEqual({ ok: false, fieldErrors: { idNumber: [messages.idNumber.format] } });
    expect(problem('')).toEqual({ ok: false, fieldErrors: { idNumber: [messages.idNumber.format] } });
    expect(problem(withCheck('99030519900307123'))).toEqual({ ok: false, fieldErrors: { idNumber: [messages.idNumber.province] } });
    expect(problem(withCheck('44030519900230123'))).toEqual({ ok: false, fieldErrors: { idNumber: [messages.idNumber.birthDate] } });
    // Born after today.
    expect(problem(withCheck('44030520260616123'))).toEqual({ ok: false, fieldErrors: { idNumber: [messages.idNumber.birthDate] } });
  });

  it('refuses a 报到 in the future, before 2000 or not a day, and accepts 2000-01-01', () => {
    expect(parseInflowRegistration(form({ reportedOn: '2026-06-16' }), today)).toEqual({ ok: false, fieldErrors: { reportedOn: [e.reportedOnFuture] } });
    expect(parseInflowRegistration(form({ reportedOn: '1999-12-31' }), today)).toEqual({ ok: false, fieldErrors: { reportedOn: [e.reportedOnTooEarly(EARLIEST_REPORT_DAY)] } });
    expect(parseInflowRegistration(form({ reportedOn: '2026-02-30' }), today)).toEqual({ ok: false, fieldErrors: { reportedOn: [e.reportedOn] } });
    expect(parseInflowRegistration(form({ reportedOn: '' }), today)).toEqual({ ok: false, fieldErrors: { reportedOn: [e.reportedOn] } });
    expect(parseInflowRegistration(form({ reportedOn: EARLIEST_REPORT_DAY }), today)).toMatchObject({ ok: true });
  });

  it('requires the original organisation, a name, a mobile number and chosen orgs, all reported at once', () => {
    expect(
      parseInflowRegistration(form({ receivingOrgId: '', placedOrgId: 'abc', name: '李1', phone: '0755-1234567', originalOrgName: ' 党 ', originalOrgContact: '联'.repeat(101), certificateNumber: '证'.repeat(41), note: '注'.repeat(501) }), today),
    ).toEqual({
      ok: false,
      fieldErrors: {
        receivingOrgId: [e.receivingOrg],
        placedOrgId: [e.placement],
        name: [e.name],
        phone: [e.phone],
        originalOrgName: [e.originalOrgName],
        originalOrgContact: [e.originalOrgContact],
        certificateNumber: [e.certificateNumber],
        note: [e.note],
      },
    });
    expect(parseInflowRegistration(form({ originalOrgName: undefined }), today)).toEqual({ ok: false, fieldErrors: { originalOrgName: [e.originalOrgName] } });
    // A forged id of zero, or one too long for an integer column, is no choice either.
    expect(parseInflowRegistration(form({ receivingOrgId: '0', placedOrgId: '12345678901' }), today)).toEqual({
      ok: false,
      fieldErrors: { receivingOrgId: [e.receivingOrg], placedOrgId: [e.placement] },
    });
  });
});

describe('parseInflowLeaving', () => {
  it('takes a day between the 报到 and today, with an optional reason', () => {
    expect(parseInflowLeaving({ leftOn: '2026-05-20', reason: '' }, '2026-05-20', today)).toEqual({ ok: true, value: { leftOn: '2026-05-20', reason: null } });
    expect(parseInflowLeaving({ leftOn: today, reason: ' 返回原籍 ' }, '2026-05-20', today)).toEqual({ ok: true, value: { leftOn: today, reason: '返回原籍' } });
  });

  it('refuses a day before the 报到, in the future or not a day, and a long reason', () => {
    expect(parseInflowLeaving({ leftOn: '2026-05-19' }, '2026-05-20', today)).toEqual({ ok: false, fieldErrors: { leftOn: [e.leftBeforeReport] } });
    expect(parseInflowLeaving({ leftOn: '2026-06-16' }, '2026-05-20', today)).toEqual({ ok: false, fieldErrors: { leftOn: [e.leftOnFuture] } });
    expect(parseInflowLeaving({ leftOn: '2026-6-1', reason: '因'.repeat(201) }, '2026-05-20', today)).toEqual({ ok: false, fieldErrors: { leftOn: [e.leftOn], reason: [e.reason] } });
  });
});

describe('noteAfterLeaving', () => {
  it('adds the reason under the registration note, or keeps the note without one', () => {
    expect(noteAfterLeaving('在本地务工', '返回原籍', '离开原因')).toBe('在本地务工\n离开原因：返回原籍');
    expect(noteAfterLeaving(null, '返回原籍', '离开原因')).toBe('离开原因：返回原籍');
    expect(noteAfterLeaving('在本地务工', null, '离开原因')).toBe('在本地务工');
  });
});

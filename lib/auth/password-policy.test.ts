import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords';
import { checkPassword, type PersonalData } from './password-policy';

// GB 11643-1999 example number: born 1980-01-01, last six characters "01001X".
const person: PersonalData = {
  name: '张建国',
  idNumber: '34052419800101001X',
  phone: '13800138000',
  username: 'zhangjg2026',
};

const refused = (problem: string) => ({ ok: false, problem });
const astral = (count: number) =>
  Array.from({ length: count }, (_, i) => String.fromCodePoint(0x20000 + i * 7)).join('');

describe('checkPassword: accepted', () => {
  it('accepts a Chinese passphrase and a random password for a person with full data', () => {
    expect(checkPassword('红旗渠精神2026永存', person)).toEqual({ ok: true });
    expect(checkPassword('Lh#92kq!mZ', person)).toEqual({ ok: true });
  });

  it('ignores personal fields that are absent or empty', () => {
    expect(checkPassword('Lh#92kq!mZ', {})).toEqual({ ok: true });
    expect(checkPassword('Lh#92kq!mZ', { name: '', idNumber: ' ', phone: '', username: '' })).toEqual({ ok: true });
  });
});

describe('checkPassword: length', () => {
  it('refuses fewer than 8 characters', () => {
    expect(checkPassword('', person)).toEqual(refused('tooShort'));
    expect(checkPassword('Lh#92kq', person)).toEqual(refused('tooShort'));
    expect(checkPassword('Lh#92kq!', person)).toEqual({ ok: true });
  });

  it('counts code points, not UTF-16 units', () => {
    // 7 characters outside the BMP are 14 UTF-16 units but still too short.
    expect(astral(7)).toHaveLength(14);
    expect(checkPassword(astral(7), person)).toEqual(refused('tooShort'));
    expect(checkPassword(astral(8), person)).toEqual({ ok: true });
  });

  it('refuses more than 128 characters, counted as code points', () => {
    expect(checkPassword(astral(128), person)).toEqual({ ok: true });
    expect(checkPassword(astral(129), person)).toEqual(refused('tooLong'));
    const ascii128 = 'Lh#92kq!mZ'.repeat(12) + 'Ab#92kq!';
    expect(ascii128).toHaveLength(128);
    expect(checkPassword(ascii128, person)).toEqual({ ok: true });
    expect(checkPassword(`${ascii128}x`, person)).toEqual(refused('tooLong'));
  });
});

describe('checkPassword: common passwords', () => {
  it.each([
    'password', 'iloveyou', 'qwerty123', 'woaini1314', '88888888', '66666666', 'aa123456', '123456789a',
    'qq123456', 'zhang123', 'wang1234', 'abc123456', '147258369', '11223344', '789456123', 'dangyuan',
  ])('refuses %s', (password) => {
    expect(checkPassword(password, {})).toEqual(refused('common'));
  });

  it('compares case-insensitively', () => {
    expect(checkPassword('PassWord', {})).toEqual(refused('common'));
    expect(checkPassword('WoAiNi1314', {})).toEqual(refused('common'));
  });

  it('has the expected size and the short Chinese favourites in lower case', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(300);
    for (const p of ['123456', '5201314', '1314520', 'woaini', 'a123456', '159357']) {
      expect(COMMON_PASSWORDS.has(p)).toBe(true);
    }
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
});

describe('checkPassword: repeated characters and sequences of any length', () => {
  it.each([
    '11111111', 'aaaaaaaaaaaaaaaa', '12345678', '87654321', '1234567890', '0987654321', '7890123456',
    '12345678901234', 'abcdefgh', 'zyxwvuts', 'qwertyui', 'QWERTYUIOP', 'asdfghjk', 'lkjhgfds', 'zxcvbnm,',
    'qwertyuiopasdf', '!@#$%^&*', '1qaz2wsx3edc', 'zaq1xsw2cde3', 'abcabcabc', '12341234', 'abababab',
  ])('refuses %s', (password) => {
    expect(checkPassword(password, {})).toEqual(refused('common'));
  });

  it('accepts strings that only start like a sequence', () => {
    expect(checkPassword('12345679', {})).toEqual({ ok: true });
    expect(checkPassword('qwertyuz', {})).toEqual({ ok: true });
    expect(checkPassword('1111111a', {})).toEqual({ ok: true });
  });
});

describe('checkPassword: personal data', () => {
  it('refuses the phone number, also written with separators or given with +86', () => {
    expect(checkPassword('我的13800138000', person)).toEqual(refused('personal'));
    expect(checkPassword('x138-0013-8000y', person)).toEqual(refused('personal'));
    expect(checkPassword('Lh#13800138000', { phone: '+86 138 0013 8000' })).toEqual(refused('personal'));
  });

  it('refuses the ID number and its last six characters, whatever the case of X', () => {
    expect(checkPassword('34052419800101001x', person)).toEqual(refused('personal'));
    expect(checkPassword('Zq!01001x', person)).toEqual(refused('personal'));
    expect(checkPassword('Zq!101001X', person)).toEqual(refused('personal'));
    expect(checkPassword('Zq!1001Xab', person)).toEqual({ ok: true }); // only five of the last six
  });

  it('refuses the birth date from the ID number', () => {
    expect(checkPassword('Lh#19800101', person)).toEqual(refused('personal'));
    expect(checkPassword('Lh#19800102', person)).toEqual({ ok: true });
    // A 15-digit (pre-1999) number holds YYMMDD; the full year is 19YY.
    expect(checkPassword('Lh#19800101', { idNumber: '340524800101001' })).toEqual(refused('personal'));
  });

  it('refuses the username case-insensitively when it has at least 4 characters', () => {
    expect(checkPassword('ZhangJG2026!', person)).toEqual(refused('personal'));
    expect(checkPassword('zjg#Lh92kq', { username: 'zjg' })).toEqual({ ok: true });
    expect(checkPassword('zjgq#Lh92kq', { username: 'ZJGQ' })).toEqual(refused('personal'));
  });

  it('refuses the name: two Chinese characters suffice, Latin names need four', () => {
    expect(checkPassword('张建国Lh#92kq', person)).toEqual(refused('personal'));
    expect(checkPassword('李娜Lh#92kq!', { name: '李 娜' })).toEqual(refused('personal'));
    expect(checkPassword('li#Lh92kq!', { name: 'Li' })).toEqual({ ok: true });
    expect(checkPassword('Anna#Lh92kq', { name: 'anna' })).toEqual(refused('personal'));
  });
});

// Password rules after NIST SP 800-63B §5.1.1.2: a length floor, a generous ceiling, and a
// refusal of passwords that attackers guess first — no composition rules (they push people
// towards "Password1!" and make nothing harder to guess).
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
// Long enough for any passphrase, short enough that hashing it cannot be used to burn server CPU.
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'personal';
export type PasswordCheck = { ok: true } | { ok: false; problem: PasswordProblem };
export type PersonalData = { name?: string; idNumber?: string; phone?: string; username?: string };

// Runs people walk along the keyboard or the alphabet. Digits are doubled so that sequences
// wrapping from 9 to 0 ("1234567890", "7890123") are caught too; the column walks are the
// "1qaz2wsx" family, very popular in Chinese leaks.
const SEQUENCES: readonly string[] = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  '`1234567890-=',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  '~!@#$%^&*()_+',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0',
  'qazwsxedcrfvtgbyhnujmikolp',
];
const SEQUENCE_HAYSTACKS: readonly string[] = SEQUENCES.flatMap((s) => [s, [...s].reverse().join('')]);

// Short units repeated ("abcabcabc", "12341234") are as guessable as a single repeated character.
const REPEATED_UNIT = /^(.{1,4})\1+$/su;

function isTrivial(lower: string): boolean {
  if (REPEATED_UNIT.test(lower)) return true;
  return SEQUENCE_HAYSTACKS.some((haystack) => haystack.includes(lower));
}

function codePointLength(s: string): number {
  return [...s].length;
}

// Numbers are often typed with the separators they are written with ("138-0013-8000").
function withoutSeparators(s: string): string {
  return s.replace(/[\s\-.]/g, '');
}

function personalFragments(personal: PersonalData): string[] {
  const fragments: string[] = [];

  if (personal.phone) {
    let digits = personal.phone.replace(/\D/g, '');
    if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
    // Shorter digit strings would match too many unrelated passwords to be meaningful.
    if (digits.length >= 6) fragments.push(digits);
  }

  if (personal.idNumber) {
    const id = withoutSeparators(personal.idNumber).toLowerCase();
    if (id.length >= 6) {
      fragments.push(id, id.slice(-6));
      // Birth date is positions 7–14 of an 18-character number; a 15-character (pre-1999)
      // number stores YYMMDD at 7–12, and all such holders were born in the 1900s.
      if (/^\d{17}[\dx]$/.test(id)) fragments.push(id.slice(6, 14));
      else if (/^\d{15}$/.test(id)) fragments.push(`19${id.slice(6, 12)}`);
    }
  }

  if (personal.username) {
    const username = personal.username.trim().toLowerCase();
    if (codePointLength(username) >= 4) fragments.push(username);
  }

  if (personal.name) {
    const name = personal.name.replace(/\s+/g, '').toLowerCase();
    // A two-character Chinese name is a whole, distinctive name; two Latin letters are not.
    const minLength = /[\u0080-\u{10ffff}]/u.test(name) ? 2 : 4;
    if (codePointLength(name) >= minLength) fragments.push(name);
  }

  return fragments;
}

export function checkPassword(password: string, personal: PersonalData): PasswordCheck {
  const length = codePointLength(password);
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, problem: 'tooShort' };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, problem: 'tooLong' };

  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || isTrivial(lower)) return { ok: false, problem: 'common' };

  const candidates = [lower, withoutSeparators(lower)];
  const fragments = personalFragments(personal);
  if (fragments.some((fragment) => candidates.some((c) => c.includes(fragment)))) {
    return { ok: false, problem: 'personal' };
  }

  return { ok: true };
}

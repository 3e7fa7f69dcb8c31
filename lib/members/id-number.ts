// 居民身份证号码 (GB 11643-1999): 6-digit region code (GB/T 2260), 8-digit birth date,
// 3-digit sequence (odd = male, even = female), check character by ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// Province-level prefixes of GB/T 2260. Only the province is checked: county codes are
// retired and renumbered over time while people keep their numbers (DESIGN.md §4).
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区',
  '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省',
  '41': '河南省', '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省',
  '50': '重庆市', '51': '四川省', '52': '贵州省', '53': '云南省', '54': '西藏自治区',
  '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
  '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};

export type Gender = 'male' | 'female';

export type IdNumberProblem = 'format' | 'province' | 'birthDate' | 'checkChar';

export type ParsedIdNumber = {
  /** Normalised: 18 characters, upper-case X. */
  value: string;
  regionCode: string;
  provinceCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: Gender;
};

export type IdNumberResult = { ok: true; id: ParsedIdNumber } | { ok: false; problem: IdNumberProblem };

export function computeIdNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function normaliseIdNumber(input: string): string {
  return input.trim().replace(/x$/, 'X');
}

/**
 * Validates an ID number. `today` bounds the birth date (no one is born in the future,
 * nobody alive was born before 1900).
 */
export function parseIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const value = normaliseIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  const provinceCode = value.slice(0, 2);
  if (!(provinceCode in PROVINCE_CODES)) return { ok: false, problem: 'province' };

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const isRealDate =
    birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!isRealDate || year < 1900 || birth.getTime() > today.getTime()) {
    return { ok: false, problem: 'birthDate' };
  }
  if (computeIdNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checkChar' };

  return {
    ok: true,
    id: {
      value,
      regionCode: value.slice(0, 6),
      provinceCode,
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

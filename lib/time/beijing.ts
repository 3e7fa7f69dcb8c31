// Days, months and quarters are Beijing time (Asia/Shanghai, UTC+8 all year, no DST since 1991);
// storage is UTC (DESIGN.md §3). The SQL twins are bj_day / bj_month / bj_quarter (migration 0001).

const dayFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const dateTimeFormatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 'YYYY-MM-DD' of the Beijing day that contains `instant`. */
export function beijingDay(instant: Date = new Date()): string {
  return dayFormatter.format(instant);
}

/** 'YYYY-MM' of the Beijing month that contains `instant`. */
export function beijingMonth(instant: Date = new Date()): string {
  return beijingDay(instant).slice(0, 7);
}

/** The Beijing calendar year that contains `instant` (学时 are counted by it). */
export function beijingYear(instant: Date = new Date()): number {
  return Number(beijingDay(instant).slice(0, 4));
}

/** 'YYYY-Qn' of the Beijing quarter that contains `instant`. */
export function beijingQuarter(instant: Date = new Date()): string {
  const day = beijingDay(instant);
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  return `${day.slice(0, 4)}-Q${quarter}`;
}

/** The UTC instant at which a Beijing day ('YYYY-MM-DD') begins. */
export function startOfBeijingDay(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return new Date(`${day}T00:00:00+08:00`);
}

/** '2026-11-27 09:45' in Beijing time, for screens. */
export function formatBeijingDateTime(instant: Date): string {
  return dateTimeFormatter.format(instant).replace(/\//g, '-');
}

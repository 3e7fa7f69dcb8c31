import { messages } from '@/lib/i18n/messages';

// A short, recognisable name for a signed-in device ("Android · 微信", "iPhone · Safari") instead of
// a raw User-Agent, which older members cannot read. Only a hint: the User-Agent is whatever the
// client says, so nothing may depend on it but this label.

const t = messages.devices;

// First match wins, so in-app browsers and Chromium derivatives come before Chrome and Safari,
// whose tokens they also carry.
const APPS: readonly [RegExp, string][] = [
  [/\bwxwork\//i, t.apps.wecom],
  [/\bMicroMessenger\//i, t.apps.wechat],
  [/\bDingTalk\//i, t.apps.dingtalk],
  [/\bAliApp\(DingTalk/i, t.apps.dingtalk],
  [/\bAlipayClient\//i, t.apps.alipay],
  [/weibo/i, t.apps.weibo],
  [/\bbaiduboxapp\//i, t.apps.baidu],
  [/\bQuark\//i, t.apps.quark],
  // The QQ app embeds the QQ browser's engine and names both; its own token is a bare "QQ/".
  [/\bQQ\//, t.apps.qq],
  [/\bM?QQBrowser\//i, t.apps.qqBrowser],
  [/\bUC ?Browser\/|\bUCWEB/i, t.apps.uc],
  [/\bHuaweiBrowser\//i, t.apps.huawei],
  [/\bMiuiBrowser\//i, t.apps.xiaomi],
  [/\bHeyTapBrowser\//i, t.apps.oppo],
  [/\bVivoBrowser\//i, t.apps.vivo],
  [/\bSamsungBrowser\//i, t.apps.samsung],
  [/\b360SE\b|\b360EE\b|\bQihooBrowser\b/i, t.apps.browser360],
  [/\bSogouMobileBrowser\/|\bMetaSr\b/i, t.apps.sogou],
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOPT\/|\bOpera\b/, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\b(Headless)?Chrome\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\bOpenHarmony\b|\bHarmonyOS\b/i, t.systems.harmony],
  [/\biPhone\b|\biPod\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMacintosh\b|\bMac OS X\b/, 'Mac'],
  [/\bLinux\b/, 'Linux'],
];

function firstMatch(table: readonly [RegExp, string][], userAgent: string): string | undefined {
  return table.find(([pattern]) => pattern.test(userAgent))?.[1];
}

/** "System · browser or app", whichever parts can be told; a generic name when neither can. */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = userAgent?.trim() ?? '';
  if (!ua) return t.unknownDevice;
  const parts = [firstMatch(SYSTEMS, ua), firstMatch(APPS, ua)].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' · ') : t.unknownDevice;
}

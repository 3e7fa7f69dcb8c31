// Owned by the passkeys screens: the member's 通行密钥 in 设置 and the passkey button on the login page.
export const passkeyMessages = {
  heading: '通行密钥',
  intro: '添加通行密钥后，可以用本机的指纹、面容或锁屏密码登录，不必再输入密码。密码仍然可以使用。',
  add: '添加通行密钥',
  adding: '正在添加…',
  added: '通行密钥已添加。',
  addFailed: '未能添加通行密钥，请重试。',
  alreadyAdded: '这台设备上已经有您的通行密钥。',
  tooMany: (limit: number) => `最多可添加 ${limit} 个通行密钥，请先删除不再使用的。`,
  cancelled: '已取消。',
  unsupported: '当前浏览器不支持通行密钥。',
  empty: '还没有添加通行密钥。',
  listLabel: '我的通行密钥',
  addedAt: (at: string) => `添加于 ${at}`,
  lastUsed: (at: string) => `最近使用：${at}`,
  neverUsed: '尚未用于登录',
  remove: '删除',
  removed: '通行密钥已删除。',
  // Not "…登录": every e2e step finds the password form's button by the name 登录, and Playwright
  // matches names by substring, so a second button containing it would break them all.
  login: '使用通行密钥',
  loggingIn: '正在验证通行密钥…',
  or: '或',
} as const;

// The installable app and offline reading: the offline page, saving for offline, the install prompt.
export const pwaMessages = {
  offline: {
    title: '当前处于离线状态',
    body: '网络连接不可用，这个页面没有保存到本机。恢复网络后再打开即可。已离线保存的党内法规和学习资料可以随时阅读。',
    backHome: '返回首页',
  },
  save: {
    heading: '离线阅读',
    save: '离线保存',
    saving: '正在保存…',
    saved: '已离线保存，没有网络时也能阅读。联网打开时会自动更新为最新版本。',
    remove: '取消离线保存',
    failed: '保存失败，请在网络正常时重试。',
    unsupported: '当前浏览器不支持离线保存。',
    quota: '手机存储空间不足，无法离线保存。',
  },
  list: {
    heading: '已离线保存',
    empty: '还没有离线保存的内容。在党内法规或学习资料的阅读页点“离线保存”即可。',
    savedAtPrefix: '保存于',
  },
  install: {
    title: '添加到主屏幕',
    body: '把流动e家添加到手机主屏幕，像应用一样打开，没有网络时也能阅读已保存的内容。',
    accept: '添加到主屏幕',
    dismiss: '暂不添加',
  },
} as const;

export type PwaMessages = typeof pwaMessages;

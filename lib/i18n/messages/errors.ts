// The 403, 404 and error pages' text. Its own module because app/error.tsx is a client component
// on every page: importing the whole catalogue there shipped ~30 KiB of gzipped script to each
// page (DESIGN.md §10's budget for a member page is 150 KiB in all).
export const errorMessages = {
  notFoundTitle: '页面不存在',
  notFoundBody: '您访问的页面不存在或已被删除。',
  forbiddenTitle: '无权访问',
  forbiddenBody: '您没有权限查看此内容。如需访问，请联系所在党组织的管理员。',
  errorTitle: '出错了',
  errorBody: '系统暂时无法完成您的请求，请稍后再试。',
  retry: '重试',
  backHome: '返回首页',
} as const;

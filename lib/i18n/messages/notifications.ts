import type { NotificationCategory } from '@/lib/notifications/categories';

export const notificationMessages = {
  title: '消息',
  intro: '组织的通知、活动安排和您提交事项的处理结果都在这里。',
  empty: '暂无消息。',
  unread: '未读',
  unreadCount: (count: number) => (count > 99 ? '99+ 条未读' : `${count} 条未读`),
  open: '查看',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  allRead: '已全部标为已读。',
  marked: '已标为已读。',
  older: '更早的消息',
  listLabel: '消息列表',
  categories: {
    notice: '通知公告',
    activity: '活动安排',
    request_result: '办理结果',
    case_reply: '案例回复',
    dues: '党费',
    points: '积分',
  } satisfies Record<NotificationCategory, string>,
  errors: {
    notFound: '没有找到这条消息，可能已被删除。',
  },
  changeRequest: {
    approvedTitle: '修改申请已通过',
    approvedBody: (fields: string) => `您申请修改的${fields}已审核通过，档案已更新。`,
    rejectedTitle: '修改申请未通过',
    rejectedBody: (fields: string, reason: string) => `您申请修改的${fields}未通过审核。理由：${reason}`,
  },
} as const;

import { createECDH, randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import { hiddenValues, tableRows, textOf } from '../../support/matrix-html';
import { only, type ActionRow, type MatrixContext } from '../../support/matrix-types';

// lib/notifications/actions.ts: a member's own 消息. Only the member may open one or mark all
// read; every other role is refused and the member's unread notifications stay as they were.

const ref = (exportedName: string) => ({ file: 'lib/notifications/actions.ts', exportedName, pagePath: '/notifications' });
const SUBMIT = { file: 'lib/change-requests/actions.ts', exportedName: 'submitChangeRequest', pagePath: '/archive/request' };
const REJECT = { file: 'lib/change-requests/actions.ts', exportedName: 'rejectRequest', pagePath: '/admin/requests' };

/** How many unread notifications the demo member's 消息 page shows (fetched fresh). */
async function unreadOfMember(ctx: MatrixContext): Promise<string> {
  const { html } = await ctx.get('member', '/notifications');
  return /(\d+) 条未读/.exec(textOf(html))?.[1] ?? '0';
}

/**
 * An unread notification of the demo member: the member asks for a new 民族, the county rejects
 * it, and the member is told (a real notification, as a user would get one). Returns its id.
 */
async function unreadNotification(ctx: MatrixContext): Promise<string> {
  const { html } = await ctx.get('member', '/notifications');
  const existing = hiddenValues(html, 'id')[0];
  if (existing && /条未读/.test(textOf(html))) return existing;
  const filed = await ctx.post('member', SUBMIT, { fields: 'ethnicity', new_ethnicity: '土家族', reason: '矩阵测试：民族登记有误' });
  if (!filed.redirectTo) throw new Error(`the demo member could not file a request: ${JSON.stringify(filed.result)}`);
  const pending = tableRows(await ctx.countyHtml('/admin/requests?status=pending')).find((row) => textOf(row).includes(ctx.targets.memberName) && textOf(row).includes('土家族'));
  const requestId = pending && hiddenValues(pending, 'requestId')[0];
  if (!requestId) throw new Error("the demo member's request is not on the county admin's review list");
  await ctx.countyDo(REJECT, { requestId, reason: '矩阵测试：请提供户口簿' });
  const id = hiddenValues((await ctx.get('member', '/notifications')).html, 'id')[0];
  if (!id) throw new Error('the rejection did not reach the demo member as a notification');
  return id;
}

// lib/notifications/settings-actions.ts: the member's own 消息提醒 (the grid, 短信退订) and push
// devices. Only the member may change them; the settings page shows what changed.
const settingsRef = (exportedName: string) => ({ file: 'lib/notifications/settings-actions.ts', exportedName, pagePath: '/settings' });

/** Whether the demo member's settings page has 积分's push ticked (fetched fresh). */
async function pointsPushTicked(ctx: MatrixContext): Promise<string> {
  const { html } = await ctx.get('member', '/settings');
  const input = /<input[^>]*name="push_points"[^>]*>/.exec(html)?.[0];
  if (!input) throw new Error('the member settings page has no 消息提醒 grid');
  return /\schecked(=|\s|>|\/)/.test(input) ? 'ticked' : 'not ticked';
}

/** How many devices the demo member's settings page says receive push (fetched fresh). */
async function pushDevicesOfMember(ctx: MatrixContext): Promise<string> {
  const { html } = await ctx.get('member', '/settings');
  return /已在 (\d+) 台设备开启推送/.exec(textOf(html))?.[1] ?? '0';
}

const browserSubscription = (ctx: MatrixContext, label: string) => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // A loopback port nothing listens on: a push to it is refused at once, wherever the tests run.
  return { endpoint: `http://127.0.0.1:9/${ctx.run}/${label}`, p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
};

export const notificationRows: ActionRow[] = [
  {
    ...settingsRef('saveNotificationPreferences'),
    // The grid as the member has it, with 积分's push flipped.
    payload: async (ctx) => {
      const flipped: Record<string, string> = (await pointsPushTicked(ctx)) === 'ticked' ? {} : { push_points: 'on' };
      return { push_notice: 'on', push_activity: 'on', push_request_result: 'on', push_case_reply: 'on', push_dues: 'on', sms_notice: 'on', sms_activity: 'on', ...flipped };
    },
    expect: only(['member'], 'success', 'forbidden'),
    probe: (ctx) => pointsPushTicked(ctx),
    changes: true,
  },
  {
    ...settingsRef('savePushDevice'),
    payload: (ctx, role) => browserSubscription(ctx, `save-${role}`),
    expect: only(['member'], 'success', 'forbidden'),
    probe: (ctx) => pushDevicesOfMember(ctx),
    changes: true,
  },
  {
    ...settingsRef('removePushDevice'),
    // A device of the demo member's, subscribed just before: others cannot remove it.
    payload: async (ctx, role) => {
      const subscription = browserSubscription(ctx, `remove-${role}`);
      const saved = await ctx.post<{ status: string }>('member', settingsRef('savePushDevice'), subscription);
      if (saved.result?.status !== 'success') throw new Error(`the demo member could not subscribe a device: ${JSON.stringify(saved.result)}`);
      return { endpoint: subscription.endpoint };
    },
    expect: only(['member'], 'success', 'forbidden'),
    probe: (ctx) => pushDevicesOfMember(ctx),
    changes: true,
  },
  {
    ...ref('openNotification'),
    payload: async (ctx) => ({ id: await unreadNotification(ctx) }),
    // Its link is the member's archive: opening it goes there.
    expect: only(['member'], 'redirect', 'forbidden'),
    probe: (ctx) => unreadOfMember(ctx),
    changes: true,
    check: async (ctx, _role, response) => {
      expect(new URL(response.redirectTo!, ctx.baseURL).pathname).toBe('/archive');
    },
  },
  {
    ...ref('markAllRead'),
    payload: async (ctx) => {
      await unreadNotification(ctx);
      return {};
    },
    expect: only(['member'], 'success', 'forbidden'),
    probe: (ctx) => unreadOfMember(ctx),
    changes: true,
    check: async (ctx) => {
      expect(await unreadOfMember(ctx)).toBe('0');
    },
  },
];

import { z } from 'zod';
import { ADMIN_TIERS, hasAccess, type Access } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { CONTACT_OUTCOMES, type ContactOutcome, type MemberStatus } from '@/lib/members/member-status';

// 电话通知 rules without the database: who may run call lists and see full numbers, which members
// a list's filters take, the forms' schemas and a list's progress.

const t = messages.callLists;

/** A list holds at most this many members: one branch or committee phones them, not a county. */
export const CALL_LIST_MAX_MEMBERS = 500;
export const TITLE_MIN = 2;
export const TITLE_MAX = 100;
export const MESSAGE_MAX = 500;
export const NOTE_MAX = 200;

/** Phoning members is contact work (动态联系): the same archive admins who keep the contact log. */
export const CALL_LIST_ACCESS = { tiers: ADMIN_TIERS, capability: 'archive' } as const satisfies Access;
/** A whole list of numbers is PII in bulk: full numbers need pii_reveal, like a full ID number. */
export const PHONE_REVEAL_ACCESS = { tiers: ADMIN_TIERS, capability: 'pii_reveal' } as const satisfies Access;

export function mayRunCallLists(viewer: Viewer | null): viewer is Viewer {
  return hasAccess(viewer, CALL_LIST_ACCESS);
}

export function mayRevealPhones(viewer: Viewer | null): viewer is Viewer {
  return mayRunCallLists(viewer) && hasAccess(viewer, PHONE_REVEAL_ACCESS);
}

export const CALL_SOURCES = ['notice', 'activity'] as const;
export type CallSource = (typeof CALL_SOURCES)[number];

/** `managed`: 在册 and 流出中, the members a branch still looks after; `outflow`: only those away. */
export const CALL_STATUS_CHOICES = ['managed', 'outflow'] as const;
export type CallStatusChoice = (typeof CALL_STATUS_CHOICES)[number];
export const NOT_REACHED_CHOICES = ['any', '3', '6'] as const;
export type NotReachedChoice = (typeof NOT_REACHED_CHOICES)[number];

export function statusesFor(choice: CallStatusChoice): MemberStatus[] {
  return choice === 'outflow' ? ['outflow'] : ['registered', 'outflow'];
}

/** Months without a reached contact the filter asks for, or null for everyone. */
export function notReachedMonths(choice: NotReachedChoice): 3 | 6 | null {
  return choice === 'any' ? null : choice === '3' ? 3 : 6;
}

const uuid = z.uuid({ error: t.errors.listNotFound });
const length = (text: string) => [...text].length;

export const createSchema = z
  .object({
    source: z.enum(CALL_SOURCES, { error: t.errors.noticeRequired }),
    contentItemId: z.string().trim().max(40).optional().default(''),
    title: z.string().trim().max(200, t.errors.titleLength).optional().default(''),
    message: z.string().trim().max(2000, t.errors.messageLength).optional().default(''),
    orgId: z.string({ error: t.errors.orgOutOfScope }).regex(/^[1-9]\d{0,8}$/, t.errors.orgOutOfScope).transform(Number),
    statuses: z.enum(CALL_STATUS_CHOICES, { error: messages.actions.invalid }).optional().default('managed'),
    notReached: z.enum(NOT_REACHED_CHOICES, { error: messages.actions.invalid }).optional().default('any'),
  })
  .superRefine((input, ctx) => {
    if (input.source === 'notice' && !z.uuid().safeParse(input.contentItemId).success) ctx.addIssue({ code: 'custom', path: ['contentItemId'], message: t.errors.noticeRequired });
    if (input.source === 'activity' && input.message === '') ctx.addIssue({ code: 'custom', path: ['message'], message: t.errors.messageRequired });
    // A notice's list may leave the title empty (it takes the notice's); an activity's may not.
    const titleNeeded = input.source === 'activity' || input.title !== '';
    if (titleNeeded && (length(input.title) < TITLE_MIN || length(input.title) > TITLE_MAX)) ctx.addIssue({ code: 'custom', path: ['title'], message: t.errors.titleLength });
    if (length(input.message) > MESSAGE_MAX) ctx.addIssue({ code: 'custom', path: ['message'], message: t.errors.messageLength });
  });
export type CreateInput = z.output<typeof createSchema>;

export const listRefSchema = z.object({ callListId: uuid });

export const revealSchema = z.object({
  callListId: uuid,
  // Absent: every number on the list; present: one row's.
  memberId: z.union([z.literal(''), z.uuid({ error: t.errors.notOnList })]).optional().default(''),
});
export type RevealInput = z.output<typeof revealSchema>;

export const outcomeSchema = z.object({
  callListId: uuid,
  memberId: z.uuid({ error: t.errors.notOnList }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: t.errors.outcome }),
  note: z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((note) => length(note) <= NOTE_MAX, t.errors.noteTooLong)
    .transform((note) => (note ? note : null)),
});
export type OutcomeInput = z.output<typeof outcomeSchema>;

export type CallProgress = { total: number; called: number; reached: number };

export function callProgress(outcomes: readonly (ContactOutcome | null)[]): CallProgress {
  return {
    total: outcomes.length,
    called: outcomes.filter((outcome) => outcome !== null).length,
    reached: outcomes.filter((outcome) => outcome === 'reached').length,
  };
}

/** A `tel:` address for a stored number: digits and a leading + only, so nothing else is dialled. */
export function telHref(phone: string): string {
  const cleaned = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return `tel:${cleaned}`;
}

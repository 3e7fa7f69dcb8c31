import { z } from 'zod';
import { ADMIN_TIERS, type Access } from '@/lib/auth/access';
import { messages } from '@/lib/i18n/messages';
import { parseFieldValue } from '@/lib/members/field-values';
import { parseIdNumber } from '@/lib/members/id-number';
import { BRANCH_TYPES, type OrgType } from '@/lib/orgs/org-types';
import { beijingDay } from '@/lib/time/beijing';

// The rules of a "不在库" claim that need no database: what a filing must hold, what a decision
// must hold, which orgs may receive one, and the list cursor.

const t = messages.claims;

export const CLAIM_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Who decides claims: archive keepers of the branch or above (never a host organisation). */
export const CLAIM_DECIDERS: Access = { tiers: ADMIN_TIERS, capability: 'archive' };

/** Claims go to orgs that hold members in their archive: 党支部, 联合党支部 (a 临时党支部 admits no one). */
export function canReceiveClaims(org: { type: OrgType; dissolvedAt: Date | null }): boolean {
  return BRANCH_TYPES.includes(org.type) && org.dissolvedAt === null;
}

const text = (error: string) => z.string({ error }).trim();

export const claimFilingSchema = z.object({
  name: text(t.errors.name).min(1, t.errors.name).max(50, t.errors.name),
  idNumber: text(messages.auth.required)
    .min(1, messages.auth.required)
    .max(30, messages.idNumber.format)
    .transform((value, context) => {
      const parsed = parseIdNumber(value);
      if (parsed.ok) return parsed.id.value;
      context.addIssue({ code: 'custom', message: messages.idNumber[parsed.problem] });
      return z.NEVER;
    }),
  phone: text(t.errors.phone)
    .min(1, t.errors.phone)
    .max(30, t.errors.phone)
    .transform((value, context) => {
      // The member record's own phone rule (a mainland mobile), so the archive accepts it later.
      const parsed = parseFieldValue('phone', value, beijingDay());
      if (parsed.ok && typeof parsed.value === 'string') return parsed.value;
      context.addIssue({ code: 'custom', message: t.errors.phone });
      return z.NEVER;
    }),
  orgId: z.coerce.number({ error: t.errors.org }).int(t.errors.org).positive(t.errors.org).max(2_147_483_647, t.errors.org),
  note: z
    .string()
    .trim()
    .max(500, t.errors.noteTooLong)
    .optional()
    .transform((value) => (value ? value : null)),
  consent: z.literal('on', { error: messages.auth.consentRequired }),
});
export type ClaimFiling = z.output<typeof claimFilingSchema>;

const claimId = z.uuid({ error: messages.actions.invalid });

export const claimVerifySchema = z.object({ claimId });

export const claimRejectSchema = z.object({
  claimId,
  reason: text(t.errors.reasonRequired).min(2, t.errors.reasonRequired).max(500, t.errors.reasonRequired),
});

/** Keyset position in a list ordered by filing time, newest first (ties broken by id). */
export type ClaimCursor = { filedAt: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// UTC with microseconds, as the list query formats it: a JavaScript Date would drop the
// microseconds, and rows filed within one millisecond would be skipped or repeated.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeClaimCursor(cursor: ClaimCursor): string {
  return Buffer.from(JSON.stringify([cursor.filedAt, cursor.id])).toString('base64url');
}

/** Anything that is not a cursor this module wrote reads as "from the start". */
export function decodeClaimCursor(value: string | undefined): ClaimCursor | undefined {
  if (!value || value.length > 200) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
    const [filedAt, id] = decoded as unknown[];
    if (typeof filedAt !== 'string' || typeof id !== 'string' || !TIMESTAMP.test(filedAt) || !UUID.test(id)) return undefined;
    return { filedAt, id };
  } catch {
    return undefined;
  }
}

export function parseClaimStatus(value: string | undefined): ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(value ?? '') ? (value as ClaimStatus) : 'pending';
}

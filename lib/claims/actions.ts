'use server';

import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { requestContext } from '@/lib/auth/session';
import { messages } from '@/lib/i18n/messages';
import { CLAIM_DECIDERS, claimFilingSchema, claimRejectSchema, claimVerifySchema } from './claim-rules';
import { fileClaim, rejectClaim, verifyClaim } from './workflow';

const t = messages.claims;

// No revalidatePath after a decision: the admin screen keeps the row (and the one-time
// activation code shown in it) until the keeper moves on; a fresh load shows the new state.

const filing = validatedAction({ schema: claimFilingSchema, access: 'anyone' }, async (input) => {
  const outcome = await fileClaim(getDb(), input, await requestContext());
  if (outcome.ok) return { status: 'success', message: t.filed };
  if (outcome.reason === 'org') return { status: 'invalid', message: messages.actions.invalid, fieldErrors: { orgId: [t.errors.org] } };
  return { status: 'failed', message: t.tooMany };
});

export async function fileMemberClaim(previous: ActionState, formData: FormData): Promise<ActionState> {
  return filing(previous, formData);
}

const verification = validatedAction(
  { schema: claimVerifySchema, access: CLAIM_DECIDERS, action: 'claim.verify' },
  async ({ claimId }, { viewer, ip }) => verifyClaim(getDb(), viewer, claimId, { ip }),
);

export async function verifyMemberClaim(previous: ActionState, formData: FormData): Promise<ActionState> {
  return verification(previous, formData);
}

const rejection = validatedAction(
  { schema: claimRejectSchema, access: CLAIM_DECIDERS, action: 'claim.reject' },
  async (input, { viewer, ip }) => rejectClaim(getDb(), viewer, input, { ip }),
);

export async function rejectMemberClaim(previous: ActionState, formData: FormData): Promise<ActionState> {
  return rejection(previous, formData);
}

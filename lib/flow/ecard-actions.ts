'use server';

import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { messages } from '@/lib/i18n/messages';
import { verifyECard } from './ecard';

// Checking a 电子党员证 (issue 5 §6): host admins, and archive admins for the hosts they cover.

const verify = validatedAction(
  {
    schema: z.object({ code: z.string({ error: messages.flow.ecard.errors.malformed }).min(1, messages.flow.ecard.errors.malformed).max(200, messages.flow.ecard.errors.malformed) }),
    access: { tiers: ['host_admin', 'org_admin', 'county_admin'] },
    action: 'ecard.verify',
  },
  (input, { viewer, ip }) => verifyECard(getDb(), { viewer, ip }, input),
);
export async function verifyMemberCard(previous: ActionState, formData: FormData): Promise<ActionState> {
  return verify(previous, formData);
}

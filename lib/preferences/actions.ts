'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { servedOverHttps } from '@/lib/config/env';
import { messages } from '@/lib/i18n/messages';
import { TEXT_SIZE_COOKIE, TEXT_SIZES } from './text-size';

const textSizeSchema = z.object({
  textSize: z.enum(TEXT_SIZES, { error: messages.settings.textSizeInvalid }),
});

const saveTextSize = validatedAction({ schema: textSizeSchema, access: 'anyone' }, async ({ textSize }) => {
  (await cookies()).set(TEXT_SIZE_COOKIE, textSize, {
    httpOnly: true,
    sameSite: 'lax',
    secure: servedOverHttps(),
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
  });
  return { status: 'success', message: messages.settings.saved };
});

export async function setTextSize(previous: ActionState, formData: FormData): Promise<ActionState> {
  return saveTextSize(previous, formData);
}

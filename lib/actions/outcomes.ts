import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import type { ActionState } from './action-state';

// The refusals and failures domain workflows return, with their default Chinese messages, and the
// audit actor of a viewer: one spelling of each for every workflow module.

export const forbidden = (message: string = messages.actions.forbidden): ActionState => ({ status: 'forbidden', message });
export const failed = (message: string): ActionState => ({ status: 'failed', message });
export const invalid = (fieldErrors: Record<string, string[]>, message: string = messages.actions.invalid): ActionState => ({ status: 'invalid', message, fieldErrors });
export const auditActor = (viewer: Viewer) => ({ userId: viewer.userId, tier: viewer.tier });

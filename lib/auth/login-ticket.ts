import { seal } from '@/lib/security/sealed';

export const LOGIN_TICKET_PURPOSE = 'login-ticket';

/** Hands a freshly created session to next-auth inside this process; useless after 30 seconds. */
export function loginTicket(userId: string, sessionId: string): string {
  return seal(LOGIN_TICKET_PURPOSE, { userId, sid: sessionId }, 30_000);
}

import 'server-only';
import { signIn } from '@/auth';
import { loginTicket } from './login-ticket';

/** Only same-site paths after login: an open redirect would be a phishing tool. */
export function safeNext(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) ? value : fallback;
}

/** Hands a checked login (password or passkey) to next-auth, which sets the cookie and redirects. */
export async function finishLogin(outcome: { user: { id: string }; sessionId: string }, next: string): Promise<never> {
  await signIn('ticket', { ticket: loginTicket(outcome.user.id, outcome.sessionId), redirectTo: next });
  throw new Error('signIn did not redirect');
}

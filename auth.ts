import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { secrets } from '@/lib/config/secrets';
import { servedOverHttps } from '@/lib/config/env';
import { LOGIN_TICKET_PURPOSE } from '@/lib/auth/login-ticket';
import { unseal } from '@/lib/security/sealed';

// next-auth only mints and reads the cookie. Credentials are checked by lib/auth/login.ts in
// the server action, which creates the `sessions` row and passes a sealed, 30-second ticket
// here; the JWT then carries nothing but that session's id (DESIGN.md §5), and every request
// reads the row, so revocation and disabling take effect at once.
declare module 'next-auth' {
  interface User {
    sid?: string;
  }
}

function config(): NextAuthConfig {
  return {
    secret: secrets().sessionSecret,
    trustHost: true,
    useSecureCookies: servedOverHttps(),
    // The cookie outlives no session: the sessions row decides, this is only an upper bound.
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600, updateAge: 0 },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      Credentials({
        id: 'ticket',
        credentials: { ticket: {} },
        authorize: async (credentials) => {
          const ticket = typeof credentials?.ticket === 'string' ? unseal<{ userId: string; sid: string }>(LOGIN_TICKET_PURPOSE, credentials.ticket) : null;
          return ticket ? { id: ticket.userId, sid: ticket.sid } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sid) token.sid = user.sid;
        return token;
      },
      session({ session, token }) {
        // The browser never needs the session id; it stays inside the encrypted token.
        return { ...session, user: { ...session.user, id: token.sub ?? '' } };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { metaFromHeaders, requestMeta } from "@/lib/auth/request-meta";
import { endSession, resolveSession, SESSION_MAX_HOURS } from "@/lib/auth/sessions";
import { decodeSession, encodeSession } from "@/lib/auth/session-token";
import { authenticate } from "@/lib/auth/sign-in";
import { writeAudit } from "@/lib/commands/audit";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
  otp: z.string().trim().max(20).optional(),
});

// The reason travels to the sign-in page as `?code=…` (Auth.js puts it in the redirect URL):
// none of them tells whether an account exists.
class SignInRefused extends CredentialsSignin {
  constructor(code: "invalid" | "throttled" | "otp_required" | "otp_invalid") {
    super();
    this.code = code;
  }
}

export const { handlers, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: SESSION_MAX_HOURS * 60 * 60 },
  // A signed token with the user id and the session id only (lib/auth/session-token.ts), read
  // by currentSession(); the session row decides whether it still counts (lib/auth/sessions.ts).
  jwt: { encode: encodeSession, decode: decodeSession },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  trustHost: true,
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, otp: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid");
        const outcome = await authenticate(db, parsed.data, metaFromHeaders(request.headers));
        if (outcome.ok) return { id: outcome.userId, sid: outcome.sessionId } as { id: string };
        throw new SignInRefused(outcome.reason === "otpRequired" ? "otp_required" : outcome.reason === "otpInvalid" ? "otp_invalid" : outcome.reason);
      },
    }),
  ],
  callbacks: {
    // The token carries the user id and session id only; role, bank and branch are re-read on
    // every request. A token whose session has ended is dropped (Auth.js clears the cookie), so
    // /api/auth/session cannot hand an ended session a fresh cookie.
    async jwt({ token, user }) {
      if (user) return { sub: user.id, sid: (user as { sid?: string }).sid, iat: token.iat, exp: token.exp, jti: token.jti };
      const session = await resolveSession(db, token.sub, typeof token.sid === "string" ? token.sid : null);
      if (!session) return null;
      return { sub: token.sub, sid: token.sid, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "" } } as typeof session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      const sid = typeof token?.sid === "string" ? token.sid : null;
      if (!sid || !(await endSession(db, sid, "SIGN_OUT"))) return;
      const user = token?.sub ? await db.user.findUnique({ where: { id: token.sub }, select: { id: true, bankId: true } }) : null;
      const meta = await requestMeta().catch(() => ({ ip: null, userAgent: null }));
      await writeAudit(db, { actorId: user?.id ?? null, bankId: user?.bankId ?? null, action: "auth.sign_out", entityType: "user", entityId: user?.id ?? "unknown", after: { sessionId: sid }, ...meta });
    },
  },
});

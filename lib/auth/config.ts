import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { decodeSession, encodeSession } from "@/lib/auth/session-token";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});

export const { handlers, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // A signed token with the user id only (lib/auth/session-token.ts), read by currentActor().
  jwt: { encode: encodeSession, decode: decodeSession },
  pages: { signIn: "/sign-in" },
  trustHost: true,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await db.user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, passwordHash: true, isActive: true },
        });
        // Always verify (against a dummy hash when unknown) so the answer and its timing are
        // the same whether or not the email exists.
        const isValid = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
        if (!user || !isValid || !user.isActive) return null;
        return { id: user.id };
      },
    }),
  ],
  callbacks: {
    // The token carries the user id only; role, bank and branch are re-read on every request.
    jwt({ token, user }) {
      return { sub: user?.id ?? token.sub, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "" } } as typeof session;
    },
  },
});

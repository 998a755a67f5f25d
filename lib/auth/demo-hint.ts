import "server-only";
// Development with the demo seed only: the current code of the demo accounts' shared TOTP
// secret, shown on the sign-in page so a newcomer reaches every role in a minute. Null in a
// production build (NODE_ENV=production: `next build`/`next start`) and in any database whose
// regulator@shoudai.test is not enrolled with the demo secret (i.e. not the demo seed).
import { db } from "@/lib/db";
import { currentTotpCode, openTotpSecret } from "@/lib/auth/totp";
import { DEMO_TOTP_SECRET } from "@/prisma/seed/demo-totp";

export async function demoTotpHint(): Promise<{ code: string; secondsLeft: number } | null> {
  if (process.env.NODE_ENV !== "development") return null;
  const demo = await db.user.findUnique({ where: { email: "regulator@shoudai.test" }, select: { totpSecret: true } });
  if (openTotpSecret(demo?.totpSecret) !== DEMO_TOTP_SECRET) return null;
  const now = Date.now();
  return { code: await currentTotpCode(DEMO_TOTP_SECRET, new Date(now)), secondsLeft: 30 - (Math.floor(now / 1000) % 30) };
}

"use server";
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { safeRedirectPath } from "@/lib/http/safe-path";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/locale";

export type SignInState = { error: "invalidCredentials" | null; email: string };

const signInSchema = z.object({
  email: z.string().trim().max(200),
  password: z.string().max(200),
  callbackUrl: z.string().max(500).optional(),
});

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  const email = parsed.success ? parsed.data.email : "";
  if (!parsed.success) return { error: "invalidCredentials", email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(parsed.data.callbackUrl),
    });
  } catch (error) {
    // One message for unknown email and wrong password alike.
    if (error instanceof AuthError) return { error: "invalidCredentials", email };
    throw error; // the redirect after a successful sign-in
  }
  return { error: null, email };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = toLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  const back = formData.get("back");
  redirect(safeRedirectPath(typeof back === "string" ? back : null));
}

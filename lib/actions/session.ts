"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { safeRedirectPath } from "@/lib/http/safe-path";
import { signInErrorOf, type SignInState } from "@/lib/auth/sign-in-errors";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/locale";

const signInSchema = z.object({
  email: z.string().trim().max(200),
  password: z.string().max(200),
  otp: z.string().trim().max(20).optional(),
  callbackUrl: z.string().max(500).optional(),
});

export async function signInAction(previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  const email = parsed.success ? parsed.data.email : "";
  if (!parsed.success) return { error: "invalidCredentials", email, needsOtp: previous.needsOtp };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      ...(parsed.data.otp ? { otp: parsed.data.otp } : {}),
      redirectTo: safeRedirectPath(parsed.data.callbackUrl),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const reason = signInErrorOf(error.code);
      return { error: reason, email, needsOtp: reason === "otpRequired" || reason === "otpInvalid" || (reason === "throttled" && previous.needsOtp) };
    }
    if (error instanceof AuthError) return { error: "invalidCredentials", email, needsOtp: false };
    throw error; // the redirect after a successful sign-in
  }
  return { error: null, email, needsOtp: false };
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

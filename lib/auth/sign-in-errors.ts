// What the sign-in form says after a refused attempt — never whether the account exists.
// Auth.js carries the reason as its CredentialsSignin `code` (lib/auth/config.ts): in the
// server action's error, or as `?code=` when a script posts to /api/auth/callback/credentials.
export type SignInError = "invalidCredentials" | "throttled" | "otpRequired" | "otpInvalid";
export type SignInState = { error: SignInError | null; email: string; needsOtp: boolean };

export function signInErrorOf(code: string | null | undefined): SignInError {
  switch (code) {
    case "throttled": return "throttled";
    case "otp_required": return "otpRequired";
    case "otp_invalid": return "otpInvalid";
    default: return "invalidCredentials";
  }
}

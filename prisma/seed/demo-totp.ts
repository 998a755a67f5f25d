// The demo seed's one TOTP secret (base32, 160 bits), enrolled for the demo regulator and
// head-office accounts so a newcomer can sign in as every role at once. Demo data only: it is
// printed in the README (line "TOTP secret:") and a production seed has none. Add it to any
// authenticator app, or read the current code on the development sign-in page.
export const DEMO_TOTP_SECRET = "SHOUDAIDEMOTOTPSECRETZHEJIANGABC";

/** The demo accounts that sign in with that secret. */
export const DEMO_TOTP_EMAILS = [
  "hq@shoudai.test",
  "hq.zjrcb@shoudai.test",
  "regulator@shoudai.test",
  "regulator.ningbo@shoudai.test",
] as const;

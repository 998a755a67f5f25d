// Time-based one-time passwords (RFC 6238, 6 digits, 30 s — what every authenticator app
// reads) through otplib, and the one-time recovery codes that stand in for a lost phone.
//
// The secret is stored sealed (AES-256-GCM) under a key derived from AUTH_SECRET (HKDF-SHA256,
// its own label), so a copy of the users table alone does not yield working codes. Changing
// AUTH_SECRET therefore means re-enrolling second factors (as it already ends all sessions).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { generate, generateSecret, generateURI, verify } from "otplib";

export const TOTP_ISSUER = "首贷通 Shoudai";
const PERIOD = 30;

/** The sealing key: HKDF-SHA256 of AUTH_SECRET (one value, as Auth.js reads it), or null when unset. */
function sealingKey(): Buffer | null {
  const secret = process.env.AUTH_SECRET;
  return secret ? Buffer.from(hkdfSync("sha256", secret, "shoudai-totp", "Shoudai TOTP secret sealing key", 32)) : null;
}

/** A new random secret (160 bits, base32), as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** Seals a base32 secret for the users table: `v1.<iv>.<ciphertext>.<tag>` (base64url). */
export function sealTotpSecret(secret: string): string {
  const key = sealingKey();
  if (!key) throw new Error("AUTH_SECRET is not set: cannot seal a TOTP secret");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), data.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The base32 secret of a sealed value, or null when the configured AUTH_SECRET does not open it. */
export function openTotpSecret(sealed: string | null | undefined): string | null {
  const key = sealingKey();
  if (!sealed || !key) return null;
  const [version, iv, data, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !data || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null; // sealed under another AUTH_SECRET, or tampered with
  }
}

/** The otpauth:// URI an authenticator app scans (as a QR code). */
export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret, period: PERIOD });
}

export const OTP_PATTERN = /^\d{6}$/;

/**
 * Checks a six-digit code against the secret, allowing one step of clock drift either way.
 * `afterStep` (the last step accepted for this user) refuses a replayed code. On success,
 * `step` is to be stored as the new last step.
 */
export async function verifyTotpCode(secret: string, code: string, afterStep?: number | null): Promise<{ ok: true; step: number } | { ok: false }> {
  if (!OTP_PATTERN.test(code)) return { ok: false };
  try {
    const result = await verify({ secret, token: code, epochTolerance: PERIOD, ...(afterStep != null ? { afterTimeStep: afterStep } : {}) });
    return result.valid && "timeStep" in result ? { ok: true, step: result.timeStep } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** The code an authenticator shows now (tests, and the demo hint in development). */
export function currentTotpCode(secret: string, at: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000), period: PERIOD });
}

// Recovery codes: 10 codes of 10 characters from an alphabet without look-alikes, shown as
// `xxxxx-xxxxx`; ≈ 50 bits each, stored as argon2id hashes (lib/auth/password.ts).
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_PATTERN = /^[a-z2-9]{5}-?[a-z2-9]{5}$/;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let code = "";
    for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** A typed recovery code in its stored form (lower case, with the hyphen), or null. */
export function normaliseRecoveryCode(typed: string): string | null {
  const code = typed.trim().toLowerCase().replace(/\s+/g, "");
  if (!RECOVERY_PATTERN.test(code)) return null;
  const bare = code.replace("-", "");
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}

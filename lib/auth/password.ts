// argon2id password hashing (OWASP's recommended parameters: m=19 MiB, t=2, p=1).
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id: the package declares a const enum, which isolated modules cannot import.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against this when the email is unknown keeps the answer time the same, so
// timing does not reveal whether an account exists.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$DYWrrDaFyrjufxrUFtyPrw$Vq6XlIdyCAgbrfxwG+T+8i4zWAV0I9ly3YweFviuIaY";

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}

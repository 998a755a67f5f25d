import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses input or throws INVALID_INPUT with field errors whose messages are catalog keys. */
export function parseOrThrow<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const flat = z.flattenError(result.error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>)) {
    if (messages?.length) fieldErrors[field] = messages.map(toMessageKey);
  }
  // Unknown keys (strictObject) and other form-level problems.
  if (flat.formErrors.length) fieldErrors._form = flat.formErrors.map(toMessageKey);
  throw new AppError("INVALID_INPUT", "invalidInput", fieldErrors);
}

// Our own messages are catalog keys; zod's built-in ones (wrong type and so on) are not,
// and are reported as a plain "invalid".
function toMessageKey(message: string): string {
  return /^[a-zA-Z]+$/.test(message) ? message : "invalid";
}

import "server-only";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { markRecentWrite } from "@/lib/read-your-writes";
import { logRequest } from "@/lib/request-log";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: Record<string, string[]>; amounts?: Record<string, string> };

/**
 * Runs a command and turns its outcome into the one shape every action returns. Expected
 * failures carry a catalog key; anything else is logged here and reported generically, so
 * no stack trace, SQL or Prisma text reaches a browser. A command that succeeded wrote (or may
 * have): the person's next reads go to the primary for a few seconds (lib/read-your-writes.ts).
 */
export async function runCommand<T>(command: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await command();
    await markRecentWrite();
    return { ok: true, data };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, code: error.code, message: error.messageKey, fieldErrors: error.fieldErrors, ...(error.amounts ? { amounts: error.amounts } : {}) };
    }
    await logRequest("error", "action failed", { error });
    return { ok: false, code: "INTERNAL", message: "internal" };
  }
}

/** A form's fields as a plain object, without the framework's own hidden fields. */
export function formToObject(formData: FormData): Record<string, FormDataEntryValue> {
  const result: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION")) result[key] = value;
  }
  return result;
}

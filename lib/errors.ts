// Typed application errors. Their `code` maps to a message in the catalogs (errors.<code>),
// which is safe to show. Anything that is not an AppError is logged and shown generically.
export type AppErrorCode =
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "INVALID_INPUT"
  | "RULE_VIOLATION"
  | "CONFLICT";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** Message key under errors.* in the catalogs. */
    readonly messageKey: string = code,
    readonly fieldErrors?: Record<string, string[]>,
    /**
     * Amounts (canonical yuan strings) the message names, e.g. what is still available on a
     * refused drawdown; the UI formats them in the reader's locale and unit.
     */
    readonly amounts?: Record<string, string>,
  ) {
    super(messageKey);
    this.name = "AppError";
  }
}

/** "Not yours" and "does not exist" must look the same to the caller. */
export function notFound(): AppError {
  return new AppError("NOT_FOUND", "notFound");
}

export function ruleViolation(messageKey: string, fieldErrors?: Record<string, string[]>, amounts?: Record<string, string>): AppError {
  return new AppError("RULE_VIOLATION", messageKey, fieldErrors, amounts);
}

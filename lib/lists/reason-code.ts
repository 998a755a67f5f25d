// Reason codes found by the import's SQL may carry one parameter after a colon, e.g.
// "duplicateInFile:12" (the line of the row it repeats); the catalogs' texts take it as {line}.
export function splitReason(stored: string): { code: string; param: string | null } {
  const at = stored.indexOf(":");
  return at < 0 ? { code: stored, param: null } : { code: stored.slice(0, at), param: stored.slice(at + 1) };
}

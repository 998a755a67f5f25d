// COPY … FROM STDIN in PostgreSQL's text format: one line per row, columns separated by tabs,
// \N for NULL, and backslash escapes for the characters that would break the framing. Arrays
// are written as array literals inside that escaping.

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function copyValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (!NEEDS_ESCAPE.test(value)) return value;
  let out = "";
  for (const ch of value) {
    if (ch === "\\") out += "\\\\";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else out += ch;
  }
  return out;
}

/** A text[] literal ({"a","b"}), then escaped for COPY. */
export function copyTextArray(values: readonly string[]): string {
  if (values.length === 0) return "{}";
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
  return copyValue(literal);
}

export function copyBool(value: boolean): string {
  return value ? "t" : "f";
}

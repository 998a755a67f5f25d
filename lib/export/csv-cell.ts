// One rule for every CSV we write (dashboard exports, the list import's error file): a text
// cell that a spreadsheet would run as a formula is neutralised (OWASP "CSV injection").

/**
 * A cell starting with =, +, -, @, or a tab or CR (which can hide one) gets a leading single
 * quote, so Excel and WPS show it as text instead of evaluating it.
 */
export function neutralizeCell(value: string): string {
  if (value.length === 0) return value;
  const c = value.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${value}` : value;
}

/** RFC 4180 quoting: a field with a quote, comma or line break goes in double quotes. */
export function quoteCsv(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text cell: neutralised, then quoted. */
export function csvTextCell(value: string): string {
  return quoteCsv(neutralizeCell(value));
}

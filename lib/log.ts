// Structured logs: one JSON object per line (stdout; warnings and errors on stderr), so any
// collector (journald, Loki, CloudWatch, ELK) indexes them without parsing rules. Request paths
// add the request id proxy.ts puts on every request (lib/request-log.ts); jobs and scripts log
// without one. Deliberately tiny: no transport, no buffering, nothing to configure.
export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

function plain(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: value.message,
      ...(code !== undefined ? { code } : {}),
      stack: value.stack?.split("\n").slice(1, 8).map((l) => l.trim()),
    };
  }
  return value;
}

export function log(level: LogLevel, msg: string, fields: LogFields = {}): void {
  const entry: LogFields = { time: new Date().toISOString(), level, msg, pid: process.pid };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) entry[key] = plain(value);
  let line: string;
  try {
    line = JSON.stringify(entry);
  } catch {
    line = JSON.stringify({ time: entry.time, level, msg, pid: process.pid, note: "fields not serializable" });
  }
  (level === "info" ? process.stdout : process.stderr).write(`${line}\n`);
}

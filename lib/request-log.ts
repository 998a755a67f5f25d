// Logging from a request: every line carries the request id proxy.ts set (x-request-id, taken
// from the load balancer when it sent a well-formed one, otherwise a new UUID), the same id the
// response carries back, so one request can be followed across nodes and the balancer's log.
import "server-only";
import { headers } from "next/headers";
import { log, type LogFields, type LogLevel } from "@/lib/log";

export async function currentRequestId(): Promise<string | undefined> {
  try {
    return (await headers()).get("x-request-id") ?? undefined;
  } catch {
    return undefined; // outside a request (tests, scripts)
  }
}

export async function logRequest(level: LogLevel, msg: string, fields: LogFields = {}): Promise<void> {
  log(level, msg, { requestId: await currentRequestId(), ...fields });
}

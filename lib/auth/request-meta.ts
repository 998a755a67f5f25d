// Where a request came from, for the audit log and sign-in throttling. Behind a reverse proxy
// the client's address is the first X-Forwarded-For entry — the proxy must overwrite that
// header (and X-Forwarded-Host/Proto), never pass a client's own through (README, "Headers").
export type RequestMeta = { ip: string | null; userAgent: string | null };

export function metaFromHeaders(headers: Headers): RequestMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = (forwarded || headers.get("x-real-ip")?.trim() || null)?.slice(0, 64) ?? null;
  const userAgent = headers.get("user-agent")?.slice(0, 300) ?? null;
  return { ip, userAgent };
}

/** The current request's meta inside a server component, action or route handler. */
export async function requestMeta(): Promise<RequestMeta> {
  const { headers } = await import("next/headers");
  return metaFromHeaders(await headers());
}

// Security headers for every response (the same in development as in production; only the
// Content-Security-Policy is relaxed in development, for hot reload and React's debug tools).
//
// - next.config.ts `headers()` puts BASE_HEADERS on every response, static files and the API
//   included, and HSTS on those a reverse proxy says it served over https.
// - proxy.ts adds the page CSP with a fresh nonce per request. It sets the policy on the
//   request too: Next reads the nonce from there and puts it on its own scripts.
//
// Deliberately no dependency on next/server here: next.config.ts loads this file as well.

export type Header = { key: string; value: string };

export const BASE_HEADERS: Header[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/** Two years, subdomains included. Only ever sent on https (a browser ignores it on http). */
export const HSTS: Header = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/**
 * The page policy. Scripts run only with this request's nonce (Next adds it to its own
 * scripts; 'strict-dynamic' lets those load the page's chunks). Styles allow inline: React
 * renders style attributes (charts, progress bars), and no script can run from a style.
 */
export function pageCsp(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * Whether the browser reached us over https: the request itself, or the first hop named by
 * X-Forwarded-Proto (which the reverse proxy must set itself, never pass on from clients).
 */
export function servedOverHttps(protocol: string, forwardedProto: string | null): boolean {
  if (protocol === "https:") return true;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

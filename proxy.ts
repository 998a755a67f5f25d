import { NextResponse, type NextRequest } from "next/server";
import { BASE_HEADERS, HSTS, newNonce, pageCsp, servedOverHttps } from "@/lib/http/security-headers";

// An optimistic redirect for signed-out visitors, and the per-request CSP nonce for pages
// (lib/http/security-headers.ts). It is not a security boundary: every page, query and action
// checks the caller itself.
const PUBLIC = ["/sign-in", "/api/auth"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function redirectTarget(request: NextRequest): URL | null {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return null;
  if (pathname.startsWith("/api/")) return null;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return null;
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return url;
}

export function proxy(request: NextRequest) {
  const https = servedOverHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
  const csp = pageCsp(newNonce(), { dev: process.env.NODE_ENV === "development", https });
  const target = redirectTarget(request);
  let response: NextResponse;
  if (target) {
    response = NextResponse.redirect(target);
  } else {
    // Next takes the nonce from the request's policy and puts it on the scripts it renders.
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", csp);
  for (const { key, value } of BASE_HEADERS) response.headers.set(key, value);
  if (https) response.headers.set(HSTS.key, HSTS.value);
  return response;
}

// Every page and API path, signed in or not (each page needs its nonce); Next's own files and
// static files are left out, as before, and get their headers from next.config.ts. So is the
// service worker (/serwist/sw.js and its source map, app/serwist/[path]/route.ts): the browser
// re-fetches it signed out too, and it must never be redirected to the sign-in page.
export const config = {
  matcher: ["/((?!_next/|serwist/|favicon.ico|manifest.webmanifest|.*\\.(?:png|svg|ico|css|js)$).*)"],
};

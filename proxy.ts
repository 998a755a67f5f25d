import { NextResponse, type NextRequest } from "next/server";
import { BASE_HEADERS, HSTS, newNonce, pageCsp, servedOverHttps } from "@/lib/http/security-headers";

// An optimistic redirect for signed-out visitors, the per-request CSP nonce for pages
// (lib/http/security-headers.ts), and a request id (x-request-id) on the request and its
// response, which every log line of the request carries (lib/request-log.ts). It is not a
// security boundary: every page, query and action checks the caller itself.
const PUBLIC = ["/sign-in", "/api/auth"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

// A load balancer's id is kept when it looks like one (so its log and ours line up); anything
// else is replaced, so a client cannot inject text into the logs.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function requestIdOf(request: NextRequest): string {
  const given = request.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

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
  const requestId = requestIdOf(request);
  let response: NextResponse;
  if (target) {
    response = NextResponse.redirect(target);
  } else {
    // Next takes the nonce from the request's policy and puts it on the scripts it renders.
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", csp);
    headers.set("x-request-id", requestId);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("x-request-id", requestId);
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

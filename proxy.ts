import { NextResponse, type NextRequest } from "next/server";

// Only an optimistic redirect for signed-out visitors. It is not a security boundary: every
// page, query and action checks the caller itself.
const PUBLIC = ["/sign-in", "/api/auth"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// Runs only for requests that carry no session cookie: with one, there is nothing to do here
// (the page checks the session itself), so signed-in traffic skips the proxy entirely.
export const config = {
  matcher: [
    {
      source: "/((?!_next/|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)",
      // Literal (Next reads this config statically): the names in SESSION_COOKIES above.
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
      ],
    },
  ],
};

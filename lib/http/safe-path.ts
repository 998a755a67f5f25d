// Redirect targets taken from the request (sign-in's callbackUrl, the locale switch's back)
// are followed only when they are paths on this site: parsed as a URL against a placeholder
// origin, the result must stay on that origin, and only its path, query and fragment are kept.
// Strings a browser would read differently from the URL parser (backslashes, which browsers
// treat as slashes; tabs and newlines, which they strip) are refused before parsing.

const BASE = "http://shoudai.invalid";
const MAX_LENGTH = 2000;

// C0 controls, DEL and the backslash.
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

export function safeRedirectPath(raw: string | null | undefined, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return fallback;
  if (UNSAFE.test(raw)) return fallback;
  // A path, never a scheme-relative (//host) or absolute URL.
  if (!raw.startsWith("/") || raw.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can normalise into a scheme-relative target ("/.//evil" → "//evil").
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}

import os from "node:os";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { withSerwist } from "@serwist/turbopack";
import { BASE_HEADERS, HSTS } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * Development only (Next ignores it in production): the dev server's own guard refuses its
 * client scripts to pages opened through any host but localhost, so a phone on the same Wi-Fi
 * (the "Network" address `next dev` prints) or http://127.0.0.1 would get a page with dead forms
 * and blank charts. Allowed: loopback, this machine's own addresses, the private ranges
 * (10/8, 172.16/12, 192.168/16; for IPv6 only this machine's own addresses, as Next's
 * label wildcards cannot express a prefix) and mDNS names (*.local).
 */
function devOrigins(): string[] {
  const own = Object.values(os.networkInterfaces()).flat().filter((a) => a !== undefined).map((a) => (a.family === "IPv6" ? `[${a.address}]` : a.address));
  const private172 = Array.from({ length: 16 }, (_, i) => `172.${16 + i}.*.*`);
  return [...new Set(["127.0.0.1", "[::1]", ...own, "10.*.*.*", ...private172, "192.168.*.*", "*.local"])];
}

const nextConfig: NextConfig = {
  // Packages with native or Wasm parts stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  // Every response, Next's own files and the API included (pages get their CSP from proxy.ts).
  // HSTS only when the reverse proxy says the browser came over https (see README).
  async headers() {
    return [
      { source: "/:path*", headers: BASE_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https(,.*)?" }], headers: [HSTS] },
    ];
  },
};

// withSerwist keeps esbuild (which bundles the service worker, app/serwist/[path]/route.ts)
// out of the server bundle.
export default withSerwist(withNextIntl(nextConfig));

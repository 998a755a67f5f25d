import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { BASE_HEADERS, HSTS } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Packages with native or Wasm parts stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // Every response, Next's own files and the API included (pages get their CSP from proxy.ts).
  // HSTS only when the reverse proxy says the browser came over https (see README).
  async headers() {
    return [
      { source: "/:path*", headers: BASE_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https(,.*)?" }], headers: [HSTS] },
    ];
  },
};

export default withNextIntl(nextConfig);

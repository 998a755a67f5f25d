import type { MetadataRoute } from "next";

// The web app manifest (/manifest.webmanifest): the app installs on a phone's home screen and
// opens full-screen, in Chinese first. Static files: public/icons/ (icon.svg is the source).
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "首贷通 Shoudai",
    short_name: "首贷通",
    description: "首贷户培育：名单、走访、授信、首贷、伙伴客户 — first loans for small and micro enterprises",
    lang: "zh-CN",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait-primary",
    background_color: "#ffffff",
    theme_color: "#c62828",
    icons: [
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}

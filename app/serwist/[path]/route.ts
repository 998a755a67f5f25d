import { createSerwistRoute } from "@serwist/turbopack";

// Serves the service worker built from app/sw.ts at /serwist/sw.js (a static route, built once
// by `next build`; its header allows it to control the whole site).
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  useNativeEsbuild: true,
});

import type { Instrumentation } from "next";

// Errors Next catches itself (a page or route handler that threw): one structured log line
// with the request id proxy.ts set, beside Next's own message.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const { log } = await import("@/lib/log");
  const id = request.headers["x-request-id"];
  log("error", "request failed", {
    requestId: Array.isArray(id) ? id[0] : id,
    method: request.method,
    path: request.path,
    route: context.routePath,
    routeType: context.routeType,
    error,
  });
};

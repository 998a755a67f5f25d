"use client";
import { ErrorView } from "@/components/error-view";

// A failed page or action render below the root layout: our own page, in Chinese first,
// instead of the framework's English one. The digest matches the server log's entry.
export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView digest={error.digest} reset={reset} />;
}

"use client";
import { ErrorView } from "@/components/error-view";

// A page of the app that failed to render: the message replaces the page's content only, the
// navigation stays (app/error.tsx is the fallback for everything else).
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView digest={error.digest} reset={reset} />;
}

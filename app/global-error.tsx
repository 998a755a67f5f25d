"use client";
import "./globals.css";
import { ErrorView } from "@/components/error-view";

// The root layout itself failed: this replaces it, so it brings its own html and body.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body>
        <ErrorView digest={error.digest} reset={reset} />
      </body>
    </html>
  );
}

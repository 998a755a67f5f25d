"use client";
import { useTranslations } from "next-intl";

/**
 * Text for an error key from a distribution action: this feature's own messages
 * (allocation.errors.*) first, then the shared catalogue (errors.*).
 */
export function useErrorText(): (key: string) => string {
  const ta = useTranslations("allocation.errors");
  const te = useTranslations("errors");
  return (key) => (ta.has(key) ? ta(key) : te.has(key) ? te(key) : te("invalid"));
}

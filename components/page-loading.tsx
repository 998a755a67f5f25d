import { getTranslations } from "next-intl/server";

/**
 * The loading state of a page segment (its `loading.tsx`): the navigation stays, the content
 * area says it is loading. Only for segments none of whose pages calls notFound: under a
 * loading boundary the shell streams first and a later notFound call answers HTTP 200
 * — nor on pages that must work without scripts, as a streamed page's content arrives by script
 * (tests/unit/loading-boundaries.test.ts keeps both true).
 */
export async function PageLoading() {
  const t = await getTranslations("app");
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-3 py-4" data-testid="page-loading">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-6 w-48 rounded bg-slate-200" />
      <div className="h-4 w-full max-w-xl rounded bg-slate-100" />
      <div className="h-4 w-full max-w-lg rounded bg-slate-100" />
      <div className="h-32 w-full rounded bg-slate-100" />
    </div>
  );
}

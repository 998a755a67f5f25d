import { getTranslations } from "next-intl/server";

// Shown at once while a page of the app loads (a slow network on site): the navigation stays,
// the content area says it is loading.
export default async function Loading() {
  const t = await getTranslations("app");
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-3 py-4">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-6 w-48 rounded bg-slate-200" />
      <div className="h-4 w-full max-w-xl rounded bg-slate-100" />
      <div className="h-4 w-full max-w-lg rounded bg-slate-100" />
      <div className="h-32 w-full rounded bg-slate-100" />
    </div>
  );
}

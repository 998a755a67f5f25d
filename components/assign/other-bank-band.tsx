import { getTranslations } from "next-intl/server";
import type { StageBand } from "@/lib/domain/stage-band";

/** "Another bank also serves this enterprise" and how far along, nothing else about that bank. */
export async function OtherBankBand({ bands }: { bands: StageBand[] }) {
  if (bands.length === 0) return null;
  const t = await getTranslations("assign.otherBank");
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="other-bank">
      <p className="font-medium">{t("notice")}</p>
      <p>{t("band", { band: bands.map((b) => t(`bands.${b}`)).join(" / ") })}</p>
    </div>
  );
}

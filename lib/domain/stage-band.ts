// The coarse band another bank's client is shown in (一企一行: the registry is shared, so a bank
// may learn that another bank serves an enterprise and how far along, never its notes, people
// or amounts).
import type { Stage } from "@/lib/generated/prisma/enums";

export type StageBand = "CONTACT" | "CREDIT" | "LOAN";

export const STAGE_BANDS: readonly StageBand[] = ["CONTACT", "CREDIT", "LOAN"];

export function stageBand(stage: Stage): StageBand {
  switch (stage) {
    case "NO_LOAN":
    case "NEED_REGISTERED":
    case "VISITED":
      return "CONTACT";
    case "CREDIT_GRANTED":
      return "CREDIT";
    case "FIRST_LOAN":
    case "NEW_TO_BANK":
    case "PARTNER":
      return "LOAN";
  }
}

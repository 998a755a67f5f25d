import { describe, expect, it } from "vitest";
import { stageBand } from "@/lib/domain/stage-band";
import { STAGES } from "@/lib/domain/stage";

describe("stageBand (what another bank may learn of a client's stage)", () => {
  it("maps every stage to 接触中, 已授信 or 已放款", () => {
    expect(Object.fromEntries(STAGES.map((s) => [s, stageBand(s)]))).toEqual({
      NO_LOAN: "CONTACT", NEED_REGISTERED: "CONTACT", VISITED: "CONTACT",
      CREDIT_GRANTED: "CREDIT",
      FIRST_LOAN: "LOAN", NEW_TO_BANK: "LOAN", PARTNER: "LOAN",
    });
  });
});

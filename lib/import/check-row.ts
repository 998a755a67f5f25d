// Checks one data row of a list file. Pure and synchronous: the import job runs it on every
// row of a 530,000-row file, so the common case (a clean code, a county seen before) takes a
// few table lookups and no regular expression.
import { USCC_CHARSET, validateUscc, type UsccKind } from "@/lib/domain/uscc";
import type { IndustryCode } from "@/lib/domain/industries";
import type { ColumnMap } from "./fields";
import { normalizePhone } from "./phone";
import type { RowReasonCode } from "./reasons";
import { makeBankResolver } from "./resolve-bank";
import { resolveCounty } from "./resolve-county";
import { resolveIndustry } from "./resolve-industry";
import { resolveKind } from "./resolve-kind";
import type { SourceRow } from "./read-rows";
import { cleanText, isBlank } from "./text";

export type BankRef = { id: string; code: string; name: string; nameEn: string };

export type CheckedRow = {
  lineNo: number;
  isRejected: boolean;
  /** Reason codes (lib/import/reasons.ts), errors and warnings. */
  reasons: string[];
  uscc: string | null;
  name: string | null;
  countyCode: string | null;
  cityCode: string | null;
  industry: IndustryCode | null;
  kind: UsccKind | null;
  legalRepName: string | null;
  legalRepPhone: string | null;
  bankId: string | null;
  raw: string[];
  /** Values for reason templates ({candidates}, {currentCounty}); null when none. */
  detail: Record<string, string> | null;
};

export const NAME_MAX = 200;
export const LEGAL_REP_MAX = 50;

// value + 1 of each allowed USCC character by char code (0 = not allowed), and GB 32100's
// weights (3^i mod 31), so a clean code is checked without normalising or a regex.
const CHAR_VALUE = new Uint8Array(128);
for (let i = 0; i < USCC_CHARSET.length; i++) CHAR_VALUE[USCC_CHARSET.charCodeAt(i)] = i + 1;
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

/** null: the code is clean (18 allowed characters); else true/false for its check character. */
function fastChecksum(s: string): boolean | null {
  if (s.length !== 18) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? CHAR_VALUE[c]! : 0;
    if (v === 0) return null;
    sum += (v - 1) * WEIGHTS[i]!;
  }
  const last = s.charCodeAt(17);
  if (last >= 128 || CHAR_VALUE[last] === 0) return null;
  return CHAR_VALUE[last]! - 1 === (31 - (sum % 31)) % 31;
}

function kindOfUscc(uscc: string): UsccKind {
  // Same rule as kindFromUscc (positions 1–2), without normalising the code again.
  if (uscc.charCodeAt(0) !== 57 /* 9 */) return "OTHER";
  switch (uscc.charCodeAt(1)) {
    case 49: return "ENTERPRISE";
    case 50: return "INDIVIDUAL_BUSINESS";
    case 51: return "FARMER_COOPERATIVE";
    default: return "OTHER";
  }
}

/** Records an error reason; returns true for `isRejected = reject(…)`. */
function reject(reasons: RowReasonCode[], code: RowReasonCode): true {
  reasons.push(code);
  return true;
}

function cellAt(cells: string[], i: number): string {
  return i >= 0 ? (cells[i] ?? "") : "";
}

/** How Excel writes a number too long for a double ("9.13304007429142E+17"). */
const NUMBER_WITH_EXPONENT = /^\s*\d(?:\.\d+)?E\+\d+\s*$/i;

const USCC_ERRORS = { LENGTH: "usccLength", CHARSET: "usccCharset", CHECKSUM: "usccChecksum" } as const;

export function makeRowChecker(ctx: {
  columns: ColumnMap;
  banks: BankRef[];
  allowChecksumOverride?: boolean;
}): (row: SourceRow) => CheckedRow {
  const { columns } = ctx;
  const allowOverride = ctx.allowChecksumOverride === true;
  const resolveBank = makeBankResolver(ctx.banks);
  const col = (key: keyof ColumnMap) => columns[key] ?? -1;
  const iUscc = col("uscc");
  const iName = col("name");
  const iCounty = col("county");
  const iIndustry = col("industry");
  const iKind = col("kind");
  const iRep = col("legalRepName");
  const iPhone = col("legalRepPhone");
  const iBank = col("bank");

  // No closures inside the per-row function: it runs 530,000 times per file.
  return (row) => {
    const cells = row.cells;
    const reasons: RowReasonCode[] = [];
    let isRejected = false;
    let detail: Record<string, string> | null = null;

    // Unified Social Credit Code.
    let uscc: string | null = null;
    const rawUscc = cellAt(cells, iUscc);
    const fast = fastChecksum(rawUscc);
    if (fast === true) {
      uscc = rawUscc;
    } else if (fast === false) {
      if (allowOverride) {
        uscc = rawUscc;
        reasons.push("usccChecksumOverridden");
      } else {
        isRejected = reject(reasons, "usccChecksum");
      }
    } else if (isBlank(rawUscc)) {
      isRejected = reject(reasons, "usccMissing");
    } else if (NUMBER_WITH_EXPONENT.test(rawUscc)) {
      isRejected = reject(reasons, "usccStoredAsNumber");
    } else {
      // Full-width, lower case, spaces, hyphens: the shared normaliser and validator decide.
      const v = validateUscc(rawUscc, { allowChecksumOverride: allowOverride });
      if (v.ok) {
        uscc = v.uscc;
        if (!v.checksumValid) reasons.push("usccChecksumOverridden");
      } else {
        isRejected = reject(reasons, USCC_ERRORS[v.code]);
      }
    }

    // Name.
    let name: string | null = cleanText(cellAt(cells, iName));
    if (name.length === 0) {
      name = null;
      isRejected = reject(reasons, "nameMissing");
    } else if (name.length > NAME_MAX) {
      name = null;
      isRejected = reject(reasons, "nameTooLong");
    }

    // County.
    let countyCode: string | null = null;
    let cityCode: string | null = null;
    const rawCounty = cellAt(cells, iCounty);
    if (isBlank(rawCounty)) {
      isRejected = reject(reasons, "countyMissing");
    } else {
      const m = resolveCounty(rawCounty);
      if (m.ok) {
        countyCode = m.countyCode;
        cityCode = m.cityCode;
        if (m.historical) {
          reasons.push("countyHistorical");
          (detail ??= {}).currentCounty = m.currentName;
        }
      } else {
        isRejected = reject(reasons, m.reason);
        if (m.candidates) (detail ??= {}).candidates = m.candidates;
      }
    }

    // Industry (optional; an unknown one is dropped with a warning).
    let industry: IndustryCode | null = null;
    if (iIndustry >= 0) {
      const rawIndustry = cellAt(cells, iIndustry);
      if (!isBlank(rawIndustry)) {
        industry = resolveIndustry(rawIndustry);
        if (industry === null) reasons.push("industryUnknown");
      }
    }

    // Kind: the column when it says something known, else the code's second character.
    let kind: UsccKind | null = null;
    if (iKind >= 0) {
      const rawKind = cellAt(cells, iKind);
      if (!isBlank(rawKind)) {
        kind = resolveKind(rawKind);
        if (kind === null) reasons.push("kindUnknown");
      }
    }
    if (kind === null && uscc !== null) kind = kindOfUscc(uscc);

    // Legal representative and phone (optional).
    let legalRepName: string | null = null;
    if (iRep >= 0) {
      const rep = cleanText(cellAt(cells, iRep));
      if (rep.length > LEGAL_REP_MAX) reasons.push("legalRepTooLong");
      else if (rep.length > 0) legalRepName = rep;
    }
    let legalRepPhone: string | null = null;
    if (iPhone >= 0) {
      const rawPhone = cellAt(cells, iPhone);
      if (!isBlank(rawPhone)) {
        const p = normalizePhone(rawPhone);
        if (!p.ok) isRejected = reject(reasons, "phoneFormat");
        else {
          legalRepPhone = p.phone;
          if (p.isMultiple) reasons.push("phoneMultiple");
        }
      }
    }

    // Responsible bank (optional; when given it must be one we know).
    let bankId: string | null = null;
    if (iBank >= 0) {
      const rawBank = cellAt(cells, iBank);
      if (!isBlank(rawBank)) {
        bankId = resolveBank(rawBank);
        if (bankId === null) isRejected = reject(reasons, "bankUnknown");
      }
    }

    return {
      lineNo: row.lineNo,
      isRejected,
      reasons,
      uscc,
      name,
      countyCode,
      cityCode,
      industry,
      kind,
      legalRepName,
      legalRepPhone,
      bankId,
      raw: cells,
      detail,
    };
  };
}


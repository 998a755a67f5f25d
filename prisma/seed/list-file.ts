// Builds list files as a data office would send them (Chinese headers, one enterprise a row),
// with known defects mixed in at fixed intervals so tests and benchmarks know the exact
// outcome: invalid rows (a bad check character), rows repeating an earlier row's USCC, and
// rows naming enterprises already in the registry. Shared by tests and `npm run bench:import`.
import { makeUscc, validateUscc } from "@/lib/domain/uscc";
import { COUNTIES } from "@/lib/domain/regions";

export const LIST_HEADER = ["统一社会信用代码", "企业名称", "所属区县", "行业", "主体类型", "法定代表人", "联系电话"];

export type ListFileSpec = {
  rows: number;
  /** Sequence base for generated USCCs (keep test runs apart). */
  seqBase: number;
  /** Every n-th row has a wrong check character (0 = none). */
  invalidEvery?: number;
  /** Every n-th row repeats the USCC of the row before it (0 = none). */
  duplicateEvery?: number;
  /** USCCs already in the registry: row i (i < known.length, spaced by knownEvery) uses known[k]. */
  known?: readonly string[];
  knownEvery?: number;
  /** County codes to cycle through (default: every county outside Ningbo). */
  counties?: readonly string[];
};

export type ListRow = string[];

const INDUSTRIES = ["C", "F", "制造业", "批发和零售业", "I", "E", "G"];
const KINDS = ["企业", "个体工商户", "企业", "农民专业合作社"];

function breakCheck(uscc: string): string {
  const last = uscc[17]!;
  return uscc.slice(0, 17) + (last === "0" ? "1" : "0");
}

/** The rows (header excluded), and what an import of them must report. */
export function* listRows(spec: ListFileSpec): Generator<ListRow> {
  const counties = spec.counties ?? COUNTIES.filter((c) => c.cityCode !== "330200" && !["330103", "330104"].includes(c.code)).map((c) => c.code);
  let knownUsed = 0;
  let previous = "";
  for (let i = 1; i <= spec.rows; i++) {
    const county = counties[i % counties.length]!;
    let uscc: string;
    if (spec.known && knownUsed < spec.known.length && spec.knownEvery && i % spec.knownEvery === 0) {
      uscc = spec.known[knownUsed++]!;
    } else if (spec.duplicateEvery && i % spec.duplicateEvery === 0 && previous) {
      uscc = previous;
    } else {
      uscc = makeUscc({ kind: "ENTERPRISE", divisionCode: county, orgSeq: spec.seqBase + i });
      if (spec.invalidEvery && i % spec.invalidEvery === 0) uscc = breakCheck(uscc);
    }
    previous = uscc;
    yield [uscc, `测试企业${spec.seqBase + i}有限公司`, county, INDUSTRIES[i % INDUSTRIES.length]!, KINDS[i % KINDS.length]!, `张${i % 100}`, `138${String(10_000_000 + (i % 89_999_999)).padStart(8, "0")}`];
  }
}

/** What an import of listRows(spec) must count, computed the slow, obvious way. */
export function expectedOutcome(spec: ListFileSpec, isKnown: (uscc: string) => boolean) {
  const seen = new Set<string>();
  let rejected = 0;
  let accepted = 0;
  let known = 0;
  for (const row of listRows(spec)) {
    const uscc = row[0]!;
    const isInvalid = spec.invalidEvery ? !isValidCheck(uscc) : false;
    if (isInvalid || seen.has(uscc)) {
      rejected++;
      continue;
    }
    seen.add(uscc);
    accepted++;
    if (isKnown(uscc)) known++;
  }
  return { rows: spec.rows, rejected, accepted, known, newEnterprises: accepted - known };
}

function isValidCheck(uscc: string): boolean {
  return validateUscc(uscc).ok;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file as CSV text chunks (UTF-8 with BOM, CRLF, as Excel saves "CSV UTF-8"). */
export function* listCsv(spec: ListFileSpec, chunkRows = 5000): Generator<string> {
  let text = `\uFEFF${LIST_HEADER.join(",")}\r\n`;
  let n = 0;
  for (const row of listRows(spec)) {
    text += `${row.map(csvCell).join(",")}\r\n`;
    if (++n % chunkRows === 0) {
      yield text;
      text = "";
    }
  }
  if (text) yield text;
}

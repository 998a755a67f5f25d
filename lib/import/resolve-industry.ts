// The industry cell → GB/T 4754-2017 section letter. Offices write the letter ("C"), the
// section name ("制造业", with or without its punctuation), the letter with the name
// ("C 制造业"), a division or class code ("C13", "1311", "13"), or the English name.
import { INDUSTRIES, type IndustryCode } from "@/lib/domain/industries";
import { lookupKey } from "./text";

// Divisions 01–98 by section (GB/T 4754-2017): the section whose range holds the division.
const DIVISION_RANGES: readonly [number, IndustryCode][] = [
  [5, "A"], [12, "B"], [43, "C"], [46, "D"], [50, "E"], [52, "F"], [60, "G"], [62, "H"], [65, "I"],
  [69, "J"], [70, "K"], [72, "L"], [75, "M"], [79, "N"], [82, "O"], [83, "P"], [85, "Q"], [90, "R"],
  [97, "S"], [98, "T"],
];

const PUNCTUATION = /[、，,和及与;；\-·.]/g;
const BY_NAME = new Map<string, IndustryCode>();
for (const i of INDUSTRIES) {
  BY_NAME.set(lookupKey(i.name), i.code);
  BY_NAME.set(lookupKey(i.name).replace(PUNCTUATION, ""), i.code);
  BY_NAME.set(lookupKey(i.nameEn).replace(PUNCTUATION, ""), i.code);
}

function sectionOfDivision(division: number): IndustryCode | null {
  if (division < 1) return null;
  for (const [last, code] of DIVISION_RANGES) if (division <= last) return code;
  return null;
}

function isSection(c: number): boolean {
  return c >= 65 && c <= 84; // A–T
}

function resolveUncached(raw: string): IndustryCode | null {
  const k = lookupKey(raw);
  if (k.length === 0) return null;
  const upper = k.toUpperCase();
  const first = upper.charCodeAt(0);
  if (isSection(first)) {
    // "C", "C13", "C1311", "C 制造业", "C-制造业": the letter decides, unless a word follows.
    const next = upper.charCodeAt(1);
    if (upper.length === 1 || !(next >= 65 && next <= 90)) return upper[0] as IndustryCode;
  }
  if (/^\d{2,4}$/.test(k)) return sectionOfDivision(Number(k.slice(0, 2)));
  return BY_NAME.get(k) ?? BY_NAME.get(k.replace(PUNCTUATION, "")) ?? null;
}

const cache = new Map<string, IndustryCode | null>();

export function resolveIndustry(raw: string): IndustryCode | null {
  let code = cache.get(raw);
  if (code === undefined) {
    code = resolveUncached(raw);
    if (cache.size >= 20_000) cache.clear();
    cache.set(raw, code);
  }
  return code;
}

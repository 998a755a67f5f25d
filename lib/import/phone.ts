// Contact phone of a list row: a mainland mobile (1[3-9] + 9 digits, "+86"/"86" allowed) or a
// landline (0 + area code, 7–8 digits, optional extension). Normalised for storage and
// display: mobiles as 11 digits, landlines as "0573-88001234" (and "-123" for an extension).
import { toHalfWidth } from "./text";

export type PhoneResult = { ok: true; phone: string; isMultiple: boolean } | { ok: false };

const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
// Area codes: 010 and 02x have three digits, the rest four (0573 嘉兴), which also splits a
// number written without a hyphen.
const LANDLINE = /^(0(?:[12]\d|[3-9]\d{2}))(\d{7,8})(?:(?:转|分机|ext|x|#)(\d{1,6}))?$/;
const SEPARATOR = /[,，;；/、]|\s{2,}/;
const NOISE = /[\s\-()（）]/g;

function landline(compact: string, ext: string | null): string | null {
  const m = LANDLINE.exec(compact.replace(/^\+?86(?=0)/, ""));
  if (!m) return null;
  const extension = ext ?? m[3];
  return `${m[1]}-${m[2]}${extension ? `-${extension}` : ""}`;
}

function one(raw: string): string | null {
  const s = toHalfWidth(raw).trim().toLowerCase();
  const compact = s.replace(NOISE, "");
  const mobile = MOBILE.exec(compact);
  if (mobile) return mobile[1]!;
  const whole = landline(compact, null);
  if (whole !== null) return whole;
  // "0573-88001234-123": the last hyphen can also introduce an extension.
  const cut = s.lastIndexOf("-");
  if (cut > 0 && /^\d{1,6}$/.test(s.slice(cut + 1).trim())) {
    return landline(s.slice(0, cut).replace(NOISE, ""), s.slice(cut + 1).trim());
  }
  return null;
}

/** The usual cell, already an 11-digit mobile: no regular expression, no new string. */
function isPlainMobile(s: string): boolean {
  if (s.length !== 11 || s.charCodeAt(0) !== 49) return false;
  const second = s.charCodeAt(1);
  if (second < 51 || second > 57) return false;
  for (let i = 2; i < 11; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function normalizePhone(raw: string): PhoneResult {
  if (isPlainMobile(raw)) return { ok: true, phone: raw, isMultiple: false };
  if (!SEPARATOR.test(raw)) {
    const phone = one(raw);
    return phone === null ? { ok: false } : { ok: true, phone, isMultiple: false };
  }
  const parts = raw.split(SEPARATOR).filter((p) => p.trim() !== "");
  const phones = parts.map(one);
  if (phones.length === 0 || phones.some((p) => p === null)) return { ok: false };
  return { ok: true, phone: phones[0]!, isMultiple: phones.length > 1 };
}

// Names of reports (export files, printed headers): scope, grouping and period, in the UI's
// language. "浙江省不含宁波-按地市-2020-05.xlsx" / "zhejiang-excl-ningbo-by-city-2020-05.xlsx".
import { PROVINCE, cityOf, findCity, findCounty, regionName } from "@/lib/domain/regions";
import type { Period } from "@/lib/domain/period";
import { addDays } from "@/lib/domain/dates";
import type { Locale } from "@/lib/i18n/locale";

/** A period as short as it can be said: 2020-05, 2020-Q2, 2020, else 2020-01-01_2020-05-31. */
export function periodTag(p: Period): string {
  const year = p.from.slice(0, 4);
  const endsMonth = addDays(p.to, 1).endsWith("-01");
  if (p.from.endsWith("-01") && endsMonth && p.from.slice(0, 7) === p.to.slice(0, 7)) return p.from.slice(0, 7);
  if (p.from === `${year}-01-01` && p.to === `${year}-12-31`) return year;
  const month = Number(p.from.slice(5, 7));
  if (p.from.endsWith("-01") && endsMonth && month % 3 === 1 && p.to.slice(0, 4) === year && Number(p.to.slice(5, 7)) === month + 2) {
    return `${year}-Q${(month + 2) / 3}`;
  }
  return `${p.from}_${p.to}`;
}

/** Lower-case ASCII words joined by "-" (for English names and the ASCII fallback filename). */
export function asciiSlug(text: string): string {
  return text.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** One part of a file name: no path separators, quotes or control characters, no spaces. */
function filePart(text: string, locale: Locale): string {
  if (locale === "en") return asciiSlug(text);
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "").replace(/\s+/g, "-");
}

/** `parts` joined into a file name (without extension) in the locale's style. */
export function reportFileStem(parts: string[], locale: Locale): string {
  return parts.map((p) => filePart(p, locale)).filter(Boolean).join("-");
}

/** The region a province view covers: a county (with its city), a city, or the province with or without Ningbo. */
export function regionScopeName(input: { ningbo: "include" | "exclude" | "only"; city: string | null; county: string | null }, locale: Locale): string {
  const name = (code: string) => regionName(code, locale) ?? code;
  if (input.county) {
    const city = cityOf(input.county);
    const county = findCounty(input.county) ? name(input.county) : input.county;
    return city ? (locale === "en" ? `${name(city.code)} ${county}` : `${name(city.code)}${county}`) : county;
  }
  if (input.city && findCity(input.city)) return name(input.city);
  if (input.ningbo === "only") return name("330200");
  const province = locale === "en" ? PROVINCE.nameEn : PROVINCE.name;
  if (input.ningbo === "exclude") return locale === "en" ? `${province} excl. Ningbo` : `${province}不含宁波`;
  return province;
}

/**
 * Content-Disposition for a download: an ASCII `filename` for old clients and the real name
 * as RFC 5987 `filename*` (UTF-8, percent-encoded), which every current browser prefers.
 */
export function contentDisposition(name: string, asciiName: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// The county cell of a list row: a 6-digit GB/T 2260 code or a name, as offices write them
// ("330483", "桐乡市", "桐乡", "嘉兴市桐乡市", "嘉兴 桐乡", "浙江省嘉兴市桐乡市梧桐街道").
// A list has a few hundred distinct values at most, so answers are memoised per cell text.
import { CITIES, COUNTIES, PROVINCE, type County } from "@/lib/domain/regions";
import { lookupKey } from "./text";

export type CountyMatch =
  | { ok: true; countyCode: string; cityCode: string; historical: { code: string; name: string } | null; currentName: string }
  | { ok: false; reason: "countyUnknown" | "countyOutsideProvince" | "countyIsCity" | "countyAmbiguous"; candidates: string | null };

/**
 * Divisions abolished since the lists' early years, with the county that took them over.
 * Old lists still carry them; the regions table (and so enterprises.county_code) only has
 * current codes, so they are imported as their successor with a warning. 江干 was split
 * between 上城 and 钱塘 in 2021: no single successor, the row must say which.
 */
const HISTORICAL: readonly { code: string; name: string; shortName: string | null; successors: readonly string[] }[] = [
  { code: "330103", name: "下城区", shortName: "下城", successors: ["330105"] },
  { code: "330104", name: "江干区", shortName: "江干", successors: ["330102", "330114"] },
  { code: "330181", name: "萧山市", shortName: null, successors: ["330109"] },
  { code: "330183", name: "富阳市", shortName: null, successors: ["330111"] },
  { code: "330184", name: "余杭市", shortName: null, successors: ["330110"] },
  { code: "330185", name: "临安市", shortName: null, successors: ["330112"] },
  { code: "330204", name: "江东区", shortName: "江东", successors: ["330212"] },
  { code: "330227", name: "鄞县", shortName: null, successors: ["330212"] },
  { code: "330283", name: "奉化市", shortName: null, successors: ["330213"] },
  { code: "330322", name: "洞头县", shortName: null, successors: ["330305"] },
  { code: "330621", name: "绍兴县", shortName: null, successors: ["330603"] },
  { code: "330682", name: "上虞市", shortName: null, successors: ["330604"] },
  { code: "331021", name: "玉环县", shortName: null, successors: ["331083"] },
];

type Entry =
  | { kind: "county"; county: County; historical: { code: string; name: string } | null }
  | { kind: "historicalSplit"; code: string; name: string; successors: readonly County[] }
  | { kind: "city"; code: string };

const COUNTY_BY_CODE = new Map(COUNTIES.map((c) => [c.code, c]));
const CITY_BY_CODE = new Map(CITIES.map((c) => [c.code, c]));

// Separators people put between city and county ("嘉兴/桐乡", "嘉兴-桐乡", "嘉兴·桐乡").
const SEPARATORS = /[/\\\-·・,，、|_.。]/g;
function key(s: string): string {
  return lookupKey(s).replace(SEPARATORS, "");
}

// name key → every division it can mean (more than one county = ambiguous).
const BY_NAME = new Map<string, Entry[]>();
function add(name: string, entry: Entry): void {
  const k = key(name);
  const list = BY_NAME.get(k);
  if (!list) BY_NAME.set(k, [entry]);
  else if (!list.some((e) => sameTarget(e, entry))) list.push(entry);
}
function sameTarget(a: Entry, b: Entry): boolean {
  if (a.kind === "county" && b.kind === "county") return a.county.code === b.county.code;
  if (a.kind === "city" && b.kind === "city") return a.code === b.code;
  return a.kind === "historicalSplit" && b.kind === "historicalSplit" && a.code === b.code;
}

for (const city of CITIES) {
  for (const name of [city.name, city.shortName, city.nameEn]) add(name, { kind: "city", code: city.code });
}
for (const county of COUNTIES) {
  const city = CITY_BY_CODE.get(county.cityCode)!;
  const entry: Entry = { kind: "county", county, historical: null };
  for (const countyName of [county.name, county.shortName]) {
    add(countyName, entry);
    for (const cityName of [city.name, city.shortName]) add(cityName + countyName, entry);
  }
  // 景宁畲族自治县 is commonly written 景宁县.
  if (county.name.endsWith("自治县")) add(`${county.shortName}县`, entry);
  add(county.nameEn, entry);
  add(`${city.nameEn}${county.nameEn}`, entry);
}
const HISTORICAL_BY_CODE = new Map<string, Entry>();
for (const h of HISTORICAL) {
  const successors = h.successors.map((code) => COUNTY_BY_CODE.get(code)!);
  const entry: Entry =
    successors.length === 1
      ? { kind: "county", county: successors[0]!, historical: { code: h.code, name: h.name } }
      : { kind: "historicalSplit", code: h.code, name: h.name, successors };
  HISTORICAL_BY_CODE.set(h.code, entry);
  const city = CITY_BY_CODE.get(`${h.code.slice(0, 4)}00`)!;
  for (const countyName of h.shortName ? [h.name, h.shortName] : [h.name]) {
    // A historical name never shadows a current one ("富阳" is today's 富阳区).
    if (BY_NAME.has(key(countyName))) continue;
    add(countyName, entry);
    for (const cityName of [city.name, city.shortName]) add(cityName + countyName, entry);
  }
}

// Full names, longest first, for cells that go on past the county ("桐乡市梧桐街道…").
const FULL_NAMES = [...COUNTIES.map((c) => c.name), ...HISTORICAL.map((h) => h.name)]
  .map((n) => key(n))
  .sort((a, b) => b.length - a.length);
const CITY_PREFIXES = CITIES.flatMap((c) => [key(c.name), key(c.shortName)]).sort((a, b) => b.length - a.length);
const PROVINCE_PREFIXES = [key(PROVINCE.name), "浙江", key(PROVINCE.nameEn)];

function fromEntries(entries: readonly Entry[]): CountyMatch {
  const counties = entries.filter((e) => e.kind !== "city");
  if (counties.length === 0) return { ok: false, reason: "countyIsCity", candidates: null };
  if (counties.length === 1) {
    const e = counties[0]!;
    if (e.kind === "county") {
      return { ok: true, countyCode: e.county.code, cityCode: e.county.cityCode, historical: e.historical, currentName: e.county.name };
    }
    if (e.kind === "historicalSplit") {
      return { ok: false, reason: "countyAmbiguous", candidates: e.successors.map((c) => c.name).join("、") };
    }
  }
  const names = counties.map((e) => (e.kind === "county" ? `${CITY_BY_CODE.get(e.county.cityCode)!.name}${e.county.name}` : e.name));
  return { ok: false, reason: "countyAmbiguous", candidates: names.join("、") };
}

function fromCode(code: string): CountyMatch {
  const county = COUNTY_BY_CODE.get(code);
  if (county) return { ok: true, countyCode: county.code, cityCode: county.cityCode, historical: null, currentName: county.name };
  const historical = HISTORICAL_BY_CODE.get(code);
  if (historical) return fromEntries([historical]);
  if (CITY_BY_CODE.has(code) || code === PROVINCE.code) return { ok: false, reason: "countyIsCity", candidates: null };
  return { ok: false, reason: code.startsWith("33") ? "countyUnknown" : "countyOutsideProvince", candidates: null };
}

function resolveUncached(raw: string): CountyMatch {
  let k = key(raw);
  if (/^\d+$/.test(k)) {
    // 9- and 12-digit statistical codes (township, village) start with the county's 6 digits.
    if (k.length === 6 || k.length === 9 || k.length === 12) return fromCode(k.slice(0, 6));
    return { ok: false, reason: "countyUnknown", candidates: null };
  }
  for (const p of PROVINCE_PREFIXES) {
    if (k.startsWith(p) && k.length > p.length) {
      k = k.slice(p.length);
      break;
    }
  }
  const exact = BY_NAME.get(k);
  if (exact) return fromEntries(exact);
  // The county's full name followed by more (a township, an address), after an optional city.
  let rest = k;
  for (const p of CITY_PREFIXES) {
    if (rest.startsWith(p) && rest.length > p.length) {
      rest = rest.slice(p.length);
      break;
    }
  }
  const prefix = FULL_NAMES.find((n) => rest.startsWith(n));
  if (prefix) {
    // With a city in front, the pair must exist: "杭州市桐乡市" is a mistake, not 桐乡.
    const entries = BY_NAME.get(k.slice(0, k.length - rest.length) + prefix);
    if (entries) return fromEntries(entries);
  }
  return { ok: false, reason: "countyUnknown", candidates: null };
}

const cache = new Map<string, CountyMatch>();

export function resolveCounty(raw: string): CountyMatch {
  let match = cache.get(raw);
  if (match === undefined) {
    match = resolveUncached(raw);
    // A hostile file could hold millions of distinct values: keep the memo bounded.
    if (cache.size >= 20_000) cache.clear();
    cache.set(raw, match);
  }
  return match;
}

// Banks, branches and staff of the zhejiang-2020 scenario. Several banks share the work;
// not every bank has a branch in every city (city banks stay near home). The demo accounts
// (manager@, head@, hq@, regulator@ … shoudai.test) exist here too, so the dashboards can be
// looked at on scenario data with the usual sign-ins.
import type { Jurisdiction, Role } from "@/lib/generated/prisma/enums";
import { CITIES, countiesOf } from "@/lib/domain/regions";
import { personName } from "../names";
import type { Random } from "../random";

export const SCENARIO_BANKS = [
  // code, name, English, weight of the province's work, cities (null = all)
  { code: "ZJRCB", name: "浙江农商银行", nameEn: "Zhejiang Rural Commercial Banks", weight: 26, cities: null },
  { code: "ICBC", name: "工商银行", nameEn: "ICBC", weight: 12, cities: null },
  { code: "ABC", name: "农业银行", nameEn: "Agricultural Bank of China", weight: 11, cities: null },
  { code: "CCB", name: "建设银行", nameEn: "China Construction Bank", weight: 10, cities: null },
  { code: "BOC", name: "中国银行", nameEn: "Bank of China", weight: 8, cities: null },
  { code: "PSBC", name: "邮储银行", nameEn: "Postal Savings Bank", weight: 8, cities: null },
  { code: "HZB", name: "杭州银行", nameEn: "Bank of Hangzhou", weight: 7, cities: ["330100", "330200", "330300", "330400", "330500", "330600", "330700", "331000"] },
  { code: "TZB", name: "台州银行", nameEn: "Bank of Taizhou", weight: 6, cities: ["330100", "330200", "330300", "330700", "331000", "331100"] },
  { code: "ZJTLCB", name: "泰隆银行", nameEn: "Zhejiang Tailong Commercial Bank", weight: 6, cities: ["330100", "330200", "330300", "330400", "330600", "330700", "330800", "330900", "331000", "331100"] },
  { code: "MTCB", name: "民泰银行", nameEn: "Zhejiang Mintai Commercial Bank", weight: 5, cities: ["330100", "330300", "330600", "330700", "331000", "331100"] },
] as const;

export type ScenarioBranch = {
  id: string;
  bankId: string;
  bankCode: string;
  code: string;
  name: string;
  nameEn: string;
  countyCode: string;
  cityCode: string;
  headId: string;
  managers: string[];
};

export type ScenarioUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  bankId: string | null;
  branchId: string | null;
  jurisdiction: Jurisdiction | null;
};

export type Institutions = {
  banks: { id: string; code: string; name: string; nameEn: string; weight: number; cities: readonly string[] }[];
  branches: ScenarioBranch[];
  users: ScenarioUser[];
  /** Branches of a bank in a city. */
  branchesIn(bankId: string, cityCode: string): ScenarioBranch[];
  /** Banks present in a city, with their weights. */
  banksIn(cityCode: string): { id: string; weight: number }[];
};

export function buildInstitutions(random: Random, uid: (kind: number, n: number) => string): Institutions {
  const banks = SCENARIO_BANKS.map((b, i) => ({
    id: uid(1, i + 1),
    code: b.code,
    name: b.name,
    nameEn: b.nameEn,
    weight: b.weight,
    cities: (b.cities ?? CITIES.map((c) => c.code)) as readonly string[],
  }));
  const branches: ScenarioBranch[] = [];
  const users: ScenarioUser[] = [];
  let userNo = 0;
  const addUser = (u: Omit<ScenarioUser, "id">) => {
    const user = { id: uid(3, ++userNo), ...u };
    users.push(user);
    return user;
  };

  for (const bank of banks) {
    for (const cityCode of bank.cities) {
      const counties = countiesOf(cityCode);
      // Big banks open a second sub-branch in the larger cities.
      const count = bank.weight >= 10 && counties.length >= 9 ? 2 : 1;
      const chosen: string[] = [];
      // The article's ICBC Tongxiang sub-branch is the demo branch.
      if (bank.code === "ICBC" && cityCode === "330400") chosen.push("330483");
      if (bank.code === "ZJRCB" && cityCode === "330700") chosen.push("330782");
      while (chosen.length < count) {
        const county = random.pick(counties).code;
        if (!chosen.includes(county)) chosen.push(county);
      }
      for (const countyCode of chosen) {
        const county = counties.find((c) => c.code === countyCode)!;
        const code = `${cityCode.slice(2, 4)}${countyCode.slice(4)}`;
        const branch: ScenarioBranch = {
          id: uid(2, branches.length + 1),
          bankId: bank.id,
          bankCode: bank.code,
          code,
          name: `${county.shortName}支行`,
          nameEn: `${county.nameEn} Sub-branch`,
          countyCode,
          cityCode,
          headId: "",
          managers: [],
        };
        const isDemo = bank.code === "ICBC" && countyCode === "330483";
        const isOther = bank.code === "ZJRCB" && countyCode === "330782";
        const head = addUser({
          email: isDemo ? "head@shoudai.test" : `head.${bank.code}.${code}@shoudai.test`.toLowerCase(),
          name: personName(random), role: "BRANCH_HEAD", bankId: bank.id, branchId: branch.id, jurisdiction: null,
        });
        branch.headId = head.id;
        const managers = 3 + Math.round(bank.weight / 8);
        for (let m = 0; m < managers; m++) {
          const email = isDemo && m === 0 ? "manager@shoudai.test"
            : isOther && m === 0 ? "other-bank@shoudai.test"
            : `am.${bank.code}.${code}.${m + 1}@shoudai.test`.toLowerCase();
          branch.managers.push(addUser({ email, name: personName(random), role: "ACCOUNT_MANAGER", bankId: bank.id, branchId: branch.id, jurisdiction: null }).id);
        }
        branches.push(branch);
      }
    }
    addUser({
      email: bank.code === "ICBC" ? "hq@shoudai.test" : `hq.${bank.code}@shoudai.test`.toLowerCase(),
      name: `${bank.name}浙江省分行普惠金融部`, role: "BANK_HEAD_OFFICE", bankId: bank.id, branchId: null, jurisdiction: null,
    });
  }
  addUser({ email: "regulator@shoudai.test", name: "浙江监管局普惠处", role: "REGULATOR", bankId: null, branchId: null, jurisdiction: "ZHEJIANG_EXCL_NINGBO" });
  addUser({ email: "regulator.ningbo@shoudai.test", name: "宁波监管局普惠处", role: "REGULATOR", bankId: null, branchId: null, jurisdiction: "NINGBO" });
  addUser({ email: "regulator.zhejiang@shoudai.test", name: "浙江省（含宁波）汇总", role: "REGULATOR", bankId: null, branchId: null, jurisdiction: "ZHEJIANG" });

  const byBankCity = new Map<string, ScenarioBranch[]>();
  for (const b of branches) {
    const key = `${b.bankId}:${b.cityCode}`;
    byBankCity.set(key, [...(byBankCity.get(key) ?? []), b]);
  }
  const banksByCity = new Map<string, { id: string; weight: number }[]>();
  for (const city of CITIES) {
    banksByCity.set(city.code, banks.filter((b) => b.cities.includes(city.code)).map((b) => ({ id: b.id, weight: b.weight })));
  }
  return {
    banks,
    branches,
    users,
    branchesIn: (bankId, cityCode) => byBankCity.get(`${bankId}:${cityCode}`) ?? [],
    banksIn: (cityCode) => banksByCity.get(cityCode) ?? [],
  };
}

// Zhejiang administrative divisions (GB/T 2260, 2022 codes), as in DOMAIN.md.
// Static data rather than a DB table: the set changes rarely and every layer (forms, reports,
// seed) needs the same names synchronously.

export type Province = { code: string; name: string; nameEn: string };
export type City = { code: string; name: string; shortName: string; nameEn: string };
export type County = { code: string; name: string; shortName: string; nameEn: string; cityCode: string };

export const PROVINCE: Province = { code: "330000", name: "浙江省", nameEn: "Zhejiang" };

/** Ningbo is a separately planned city (计划单列市), so provincial figures are also shown without it. */
export const NINGBO_CODE = "330200";

export const CITIES: readonly City[] = [
  { code: "330100", name: "杭州市", shortName: "杭州", nameEn: "Hangzhou" },
  { code: "330200", name: "宁波市", shortName: "宁波", nameEn: "Ningbo" },
  { code: "330300", name: "温州市", shortName: "温州", nameEn: "Wenzhou" },
  { code: "330400", name: "嘉兴市", shortName: "嘉兴", nameEn: "Jiaxing" },
  { code: "330500", name: "湖州市", shortName: "湖州", nameEn: "Huzhou" },
  { code: "330600", name: "绍兴市", shortName: "绍兴", nameEn: "Shaoxing" },
  { code: "330700", name: "金华市", shortName: "金华", nameEn: "Jinhua" },
  { code: "330800", name: "衢州市", shortName: "衢州", nameEn: "Quzhou" },
  { code: "330900", name: "舟山市", shortName: "舟山", nameEn: "Zhoushan" },
  { code: "331000", name: "台州市", shortName: "台州", nameEn: "Taizhou" },
  { code: "331100", name: "丽水市", shortName: "丽水", nameEn: "Lishui" },
];

// [code, full name, short name (as in DOMAIN.md), English]; the city comes from the code prefix.
const COUNTY_ROWS: readonly (readonly [string, string, string, string])[] = [
  // 杭州
  ["330102", "上城区", "上城", "Shangcheng"],
  ["330105", "拱墅区", "拱墅", "Gongshu"],
  ["330106", "西湖区", "西湖", "Xihu"],
  ["330108", "滨江区", "滨江", "Binjiang"],
  ["330109", "萧山区", "萧山", "Xiaoshan"],
  ["330110", "余杭区", "余杭", "Yuhang"],
  ["330111", "富阳区", "富阳", "Fuyang"],
  ["330112", "临安区", "临安", "Lin'an"],
  ["330113", "临平区", "临平", "Linping"],
  ["330114", "钱塘区", "钱塘", "Qiantang"],
  ["330122", "桐庐县", "桐庐", "Tonglu"],
  ["330127", "淳安县", "淳安", "Chun'an"],
  ["330182", "建德市", "建德", "Jiande"],
  // 宁波
  ["330203", "海曙区", "海曙", "Haishu"],
  ["330205", "江北区", "江北", "Jiangbei"],
  ["330206", "北仑区", "北仑", "Beilun"],
  ["330211", "镇海区", "镇海", "Zhenhai"],
  ["330212", "鄞州区", "鄞州", "Yinzhou"],
  ["330213", "奉化区", "奉化", "Fenghua"],
  ["330225", "象山县", "象山", "Xiangshan"],
  ["330226", "宁海县", "宁海", "Ninghai"],
  ["330281", "余姚市", "余姚", "Yuyao"],
  ["330282", "慈溪市", "慈溪", "Cixi"],
  // 温州
  ["330302", "鹿城区", "鹿城", "Lucheng"],
  ["330303", "龙湾区", "龙湾", "Longwan"],
  ["330304", "瓯海区", "瓯海", "Ouhai"],
  ["330305", "洞头区", "洞头", "Dongtou"],
  ["330324", "永嘉县", "永嘉", "Yongjia"],
  ["330326", "平阳县", "平阳", "Pingyang"],
  ["330327", "苍南县", "苍南", "Cangnan"],
  ["330328", "文成县", "文成", "Wencheng"],
  ["330329", "泰顺县", "泰顺", "Taishun"],
  ["330381", "瑞安市", "瑞安", "Rui'an"],
  ["330382", "乐清市", "乐清", "Yueqing"],
  ["330383", "龙港市", "龙港", "Longgang"],
  // 嘉兴
  ["330402", "南湖区", "南湖", "Nanhu"],
  ["330411", "秀洲区", "秀洲", "Xiuzhou"],
  ["330421", "嘉善县", "嘉善", "Jiashan"],
  ["330424", "海盐县", "海盐", "Haiyan"],
  ["330481", "海宁市", "海宁", "Haining"],
  ["330482", "平湖市", "平湖", "Pinghu"],
  ["330483", "桐乡市", "桐乡", "Tongxiang"],
  // 湖州
  ["330502", "吴兴区", "吴兴", "Wuxing"],
  ["330503", "南浔区", "南浔", "Nanxun"],
  ["330521", "德清县", "德清", "Deqing"],
  ["330522", "长兴县", "长兴", "Changxing"],
  ["330523", "安吉县", "安吉", "Anji"],
  // 绍兴
  ["330602", "越城区", "越城", "Yuecheng"],
  ["330603", "柯桥区", "柯桥", "Keqiao"],
  ["330604", "上虞区", "上虞", "Shangyu"],
  ["330624", "新昌县", "新昌", "Xinchang"],
  ["330681", "诸暨市", "诸暨", "Zhuji"],
  ["330683", "嵊州市", "嵊州", "Shengzhou"],
  // 金华
  ["330702", "婺城区", "婺城", "Wucheng"],
  ["330703", "金东区", "金东", "Jindong"],
  ["330723", "武义县", "武义", "Wuyi"],
  ["330726", "浦江县", "浦江", "Pujiang"],
  ["330727", "磐安县", "磐安", "Pan'an"],
  ["330781", "兰溪市", "兰溪", "Lanxi"],
  ["330782", "义乌市", "义乌", "Yiwu"],
  ["330783", "东阳市", "东阳", "Dongyang"],
  ["330784", "永康市", "永康", "Yongkang"],
  // 衢州
  ["330802", "柯城区", "柯城", "Kecheng"],
  ["330803", "衢江区", "衢江", "Qujiang"],
  ["330822", "常山县", "常山", "Changshan"],
  ["330824", "开化县", "开化", "Kaihua"],
  ["330825", "龙游县", "龙游", "Longyou"],
  ["330881", "江山市", "江山", "Jiangshan"],
  // 舟山
  ["330902", "定海区", "定海", "Dinghai"],
  ["330903", "普陀区", "普陀", "Putuo"],
  ["330921", "岱山县", "岱山", "Daishan"],
  ["330922", "嵊泗县", "嵊泗", "Shengsi"],
  // 台州
  ["331002", "椒江区", "椒江", "Jiaojiang"],
  ["331003", "黄岩区", "黄岩", "Huangyan"],
  ["331004", "路桥区", "路桥", "Luqiao"],
  ["331022", "三门县", "三门", "Sanmen"],
  ["331023", "天台县", "天台", "Tiantai"],
  ["331024", "仙居县", "仙居", "Xianju"],
  ["331081", "温岭市", "温岭", "Wenling"],
  ["331082", "临海市", "临海", "Linhai"],
  ["331083", "玉环市", "玉环", "Yuhuan"],
  // 丽水
  ["331102", "莲都区", "莲都", "Liandu"],
  ["331121", "青田县", "青田", "Qingtian"],
  ["331122", "缙云县", "缙云", "Jinyun"],
  ["331123", "遂昌县", "遂昌", "Suichang"],
  ["331124", "松阳县", "松阳", "Songyang"],
  ["331125", "云和县", "云和", "Yunhe"],
  ["331126", "庆元县", "庆元", "Qingyuan"],
  // The official name carries the ethnic-autonomy part: 景宁畲族自治县.
  ["331127", "景宁畲族自治县", "景宁", "Jingning"],
  ["331181", "龙泉市", "龙泉", "Longquan"],
];

export const COUNTIES: readonly County[] = COUNTY_ROWS.map(([code, name, shortName, nameEn]) => ({
  code,
  name,
  shortName,
  nameEn,
  cityCode: cityCodeOf(code),
}));

const CITY_BY_CODE = new Map(CITIES.map((c) => [c.code, c]));
const COUNTY_BY_CODE = new Map(COUNTIES.map((c) => [c.code, c]));

// GB/T 2260 codes are hierarchical: digits 1–4 plus "00" is the prefecture-level city.
function cityCodeOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

export function findCity(code: string): City | undefined {
  return CITY_BY_CODE.get(code);
}

export function findCounty(code: string): County | undefined {
  return COUNTY_BY_CODE.get(code);
}

/**
 * City of a county-level code (a city code maps to itself). Works by code prefix rather than
 * table lookup so that historical codes in old records (330103 下城, 330104 江干) still roll up.
 */
export function cityOf(code: string): City | undefined {
  if (!/^33\d{4}$/.test(code)) return undefined;
  return CITY_BY_CODE.get(cityCodeOf(code));
}

/** True for Ningbo itself and any of its county-level units (current or historical codes). */
export function isNingbo(code: string): boolean {
  return cityOf(code)?.code === NINGBO_CODE;
}

export function countiesOf(cityCode: string): County[] {
  return COUNTIES.filter((c) => c.cityCode === cityCode);
}

/** Display name of a province, city or county code; undefined for codes not in the table. */
export function regionName(code: string, locale: "zh-CN" | "en"): string | undefined {
  const r = code === PROVINCE.code ? PROVINCE : (CITY_BY_CODE.get(code) ?? COUNTY_BY_CODE.get(code));
  if (!r) return undefined;
  return locale === "zh-CN" ? r.name : r.nameEn;
}

// Plausible Chinese enterprise and person names for demo and test data.
import type { Random } from "./random";

const TRADE_NAMES = ["恒志", "华瑞", "众创", "宏达", "金诚", "天盛", "鑫源", "博远", "嘉禾", "瑞丰", "永兴", "德信", "联升", "新航", "锦程", "利民", "东方", "万象", "聚力", "青禾", "海纳", "卓越", "睿智", "安泰", "和顺", "星辰", "春晖", "同舟", "致远", "惠康"];
const BUSINESS_LINES = ["装饰材料", "五金制品", "纺织", "电子科技", "机械设备", "服饰", "食品", "包装材料", "家具", "塑料制品", "信息技术", "物流", "汽车配件", "印染", "灯具", "工艺品", "茶业", "竹木制品", "新材料", "环保科技"];
const SHOPS = ["便利店", "五金店", "小吃店", "服装店", "副食品商行", "汽修店", "理发店", "茶叶店", "电器维修部", "建材经营部"];
const COOP_PRODUCE = ["茶叶", "杨梅", "柑橘", "蔬菜", "水产", "花卉", "竹笋", "葡萄", "生猪", "稻米"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "海燕", "志强", "丽华", "国平"];

export function enterpriseName(random: Random, kind: string, placeShortName: string, seq: number): string {
  const trade = random.pick(TRADE_NAMES);
  // The sequence number keeps names unique enough to search by, as real registries are.
  const suffix = seq.toString(36).toUpperCase().slice(-3);
  switch (kind) {
    case "INDIVIDUAL_BUSINESS":
      return `${placeShortName}${trade}${random.pick(SHOPS)}（${suffix}）`;
    case "FARMER_COOPERATIVE":
      return `${placeShortName}${trade}${random.pick(COOP_PRODUCE)}专业合作社（${suffix}）`;
    default:
      return `浙江${trade}${random.pick(BUSINESS_LINES)}有限公司（${placeShortName}${suffix}）`;
  }
}

export function personName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN);
}

export function mobilePhone(random: Random): string {
  return `1${random.pick(["3", "5", "7", "8", "9"])}${String(random.int(0, 999_999_999)).padStart(9, "0")}`;
}

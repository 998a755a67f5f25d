// Report names: the period said as briefly as it can be, file-name parts in each language,
// and the Content-Disposition header (ASCII fallback plus RFC 5987 filename*).
import { describe, expect, it } from "vitest";
import { asciiSlug, contentDisposition, periodTag, regionScopeName, reportFileStem } from "@/lib/domain/report-name";

describe("periodTag", () => {
  it.each([
    [{ from: "2020-05-01", to: "2020-05-31" }, "2020-05"],
    [{ from: "2024-02-01", to: "2024-02-29" }, "2024-02"],
    [{ from: "2020-04-01", to: "2020-06-30" }, "2020-Q2"],
    [{ from: "2020-10-01", to: "2020-12-31" }, "2020-Q4"],
    [{ from: "2020-01-01", to: "2020-12-31" }, "2020"],
    [{ from: "2020-01-01", to: "2020-05-17" }, "2020-01-01_2020-05-17"],
    [{ from: "2020-05-01", to: "2020-05-30" }, "2020-05-01_2020-05-30"],
    [{ from: "2020-02-01", to: "2020-04-30" }, "2020-02-01_2020-04-30"],
  ])("%j → %s", (period, tag) => expect(periodTag(period)).toBe(tag));
});

describe("scope and file names", () => {
  it("names the region in each language", () => {
    expect(regionScopeName({ ningbo: "exclude", city: null, county: null }, "zh-CN")).toBe("浙江省不含宁波");
    expect(regionScopeName({ ningbo: "exclude", city: null, county: null }, "en")).toBe("Zhejiang excl. Ningbo");
    expect(regionScopeName({ ningbo: "only", city: null, county: null }, "zh-CN")).toBe("宁波市");
    expect(regionScopeName({ ningbo: "include", city: "330400", county: "330483" }, "zh-CN")).toBe("嘉兴市桐乡市");
    expect(regionScopeName({ ningbo: "include", city: "330400", county: "330483" }, "en")).toBe("Jiaxing Tongxiang");
  });

  it("joins parts: Chinese kept (no separators or quotes), English as lower-case ASCII words", () => {
    expect(reportFileStem(["浙江省不含宁波", "按地市", "2020-05"], "zh-CN")).toBe("浙江省不含宁波-按地市-2020-05");
    expect(reportFileStem(["Zhejiang excl. Ningbo", "By city", "2020-05"], "en")).toBe("zhejiang-excl-ningbo-by-city-2020-05");
    expect(reportFileStem(['甲/银"行', "按支行汇总"], "zh-CN")).toBe("甲银行-按支行汇总");
    expect(asciiSlug("Lin'an")).toBe("lin-an");
  });

  it("sends the name as RFC 5987 filename* beside an ASCII filename", () => {
    expect(contentDisposition("浙江省-按地市-2020-05.xlsx", "zhejiang-by-city-2020-05.xlsx")).toBe(
      `attachment; filename="zhejiang-by-city-2020-05.xlsx"; filename*=UTF-8''${encodeURIComponent("浙江省-按地市-2020-05.xlsx")}`,
    );
    expect(contentDisposition("a'b(c).csv", 'x"y.csv')).toBe(`attachment; filename="x_y.csv"; filename*=UTF-8''a%27b%28c%29.csv`);
  });
});

// XLSX as other tools write it: hand-built workbooks with a namespace prefix, rich text with
// phonetic runs, inline strings, numbers in exponent form, formulas with cached values,
// cells without references, a hidden first sheet, the worksheet stored before the shared
// strings (as Excel does) and both deflated and stored entries.
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readRows, type SourceRow } from "@/lib/import/read-rows";
import { numberText } from "@/lib/import/xlsx-scan";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip with the given entries, in this order; deflated unless `stored`. */
function zip(files: [string, string][], stored = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, "utf8");
    const body = stored ? data : deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbook(sheetXml: string, sstXml: string | null, options: { hiddenFirst?: boolean; stored?: boolean } = {}): Buffer {
  const sheets = options.hiddenFirst
    ? '<x:sheet name="lists" sheetId="2" state="hidden" r:id="rId9"/><x:sheet name="名单" sheetId="1" r:id="rId1"/>'
    : '<x:sheet name="名单" sheetId="1" r:id="rId1"/>';
  const files: [string, string][] = [
    ["[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ["_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    ["xl/workbook.xml", `<?xml version="1.0"?><x:workbook ${NS}><x:sheets>${sheets}</x:sheets></x:workbook>`],
    ["xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/hidden.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>'],
    // The worksheet before the shared strings, as Excel orders them.
    ["xl/worksheets/data.xml", `<?xml version="1.0" encoding="UTF-8"?><x:worksheet ${NS}><x:dimension ref="A1:E9"/><x:sheetData>${sheetXml}</x:sheetData></x:worksheet>`],
    ["xl/worksheets/hidden.xml", `<?xml version="1.0"?><x:worksheet ${NS}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>WRONG SHEET</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`],
  ];
  if (sstXml !== null) files.push(["xl/strings.xml", `<?xml version="1.0"?><x:sst ${NS}>${sstXml}</x:sst>`]);
  return zip(files, options.stored);
}

async function read(bytes: Buffer, chunk = 100): Promise<SourceRow[]> {
  async function* source() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const rows: SourceRow[] = [];
  for await (const c of readRows(source(), "xlsx")) rows.push(...c);
  return rows;
}

const SST =
  '<x:si><x:t>统一社会信用代码</x:t></x:si>' +
  '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>企业</x:t></x:r><x:r><x:t xml:space="preserve">名称 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>きぎょう</x:t></x:rPh></x:si>' +
  '<x:si><x:t>所属区县</x:t></x:si>' +
  '<x:si><x:t>A &amp; B &lt;有限&gt; 公司_x000D_</x:t></x:si>' +
  "<x:si/>" +
  '<x:si><x:t>&#x6850;&#20065;</x:t></x:si>';

const SHEET =
  '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>' +
  '<x:row r="3" spans="1:5"><x:c r="A3" t="str"><x:f>"9133"&amp;"0483"</x:f><x:v>91330483</x:v></x:c><x:c r="B3" t="s"><x:v>3</x:v></x:c>' +
  '<x:c r="C3" s="2"><x:v>3.30483E+5</x:v></x:c><x:c r="D3"><x:v>1.3800138E+10</x:v></x:c><x:c r="E3" t="b"><x:v>1</x:v></x:c></x:row>' +
  '<x:row r="4"><x:c r="A4"/><x:c r="B4" t="s"><x:v>4</x:v></x:c></x:row>' +
  // No r attributes at all: rows and cells count on.
  "<x:row><x:c t=\"inlineStr\"><x:is><x:t>inline</x:t></x:is></x:c><x:c t=\"s\"><x:v>5</x:v></x:c><x:c><x:v>330782.0</x:v></x:c></x:row>" +
  '<x:row r="9"><x:c r="E9" t="e"><x:v>#N/A</x:v></x:c></x:row>';

describe("readRows on hand-built .xlsx files", () => {
  it("reads prefixed elements, rich text without its phonetic run, entities, numbers and the cached value of a formula", async () => {
    const rows = await read(workbook(SHEET, SST));
    expect(rows).toEqual([
      { lineNo: 1, cells: ["统一社会信用代码", "企业名称 ", "所属区县"] },
      { lineNo: 3, cells: ["91330483", "A & B <有限> 公司\r", "330483", "13800138000", "TRUE"] },
      { lineNo: 5, cells: ["inline", "桐乡", "330782"] },
      { lineNo: 9, cells: ["", "", "", "", "#N/A"] },
    ]);
  });

  it("gives the same rows whatever the upload's chunking, and from stored (uncompressed) entries", async () => {
    const bytes = workbook(SHEET, SST);
    const expected = await read(bytes, bytes.length);
    expect(await read(bytes, 1)).toEqual(expected);
    expect(await read(workbook(SHEET, SST, { stored: true }), 13)).toEqual(expected);
  });

  it("skips a hidden first sheet", async () => {
    const rows = await read(workbook(SHEET, SST, { hiddenFirst: true }));
    expect(rows[0]!.cells[0]).toBe("统一社会信用代码");
  });

  it("reads a workbook without shared strings", async () => {
    const rows = await read(workbook('<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>只有</x:t></x:is></x:c></x:row>', null));
    expect(rows).toEqual([{ lineNo: 2, cells: ["", "只有"] }]);
  });

  it("refuses a row of many megabytes instead of holding it", async () => {
    const huge = `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>${"a".repeat(17 * 1024 * 1024)}</x:t></x:is></x:c></x:row>`;
    await expect(read(workbook(huge, null), 1 << 20)).rejects.toThrow(/too large/);
  });

  it("refuses a file that is not a zip", async () => {
    await expect(read(Buffer.from("PK\u0003\u0004 not really a zip"))).rejects.toThrow(/damaged|unreadable/);
  });
});

describe("numberText", () => {
  it.each([
    ["330483", "330483"], ["330483.0", "330483"], ["1.3800138E+10", "13800138000"], ["1.3800138e10", "13800138000"],
    ["12.5", "12.5"], ["-7", "-7"], ["0.1", "0.1"], ["9.13304007429142E+17", "9.13304007429142E+17"],
  ])("%s → %s", (raw, text) => {
    expect(numberText(raw)).toBe(text);
  });
});

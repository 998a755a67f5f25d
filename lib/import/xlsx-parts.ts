// Which parts of an .xlsx hold the first worksheet and the shared strings: the package's
// relationships, not fixed names (WPS, LibreOffice and generators name them differently).
import { ImportFileError } from "./file-error";
import type { ZipEntry, ZipFile } from "./zip";

function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = baseDir ? baseDir.split("/") : [];
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

const REL = /<(?:\w+:)?Relationship\b[^>]*>/g;
const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`);

async function relationships(zip: ZipFile, partPath: string): Promise<{ id: string; type: string; target: string }[]> {
  const slash = partPath.lastIndexOf("/");
  const dir = slash < 0 ? "" : partPath.slice(0, slash);
  const relsPath = `${dir ? `${dir}/` : ""}_rels/${partPath.slice(slash + 1)}.rels`;
  const entry = zip.find(relsPath);
  if (!entry) return [];
  const xml = await zip.readText(entry);
  const out: { id: string; type: string; target: string }[] = [];
  for (const m of xml.matchAll(REL)) {
    const id = ATTR("Id").exec(m[0])?.[1];
    const type = ATTR("Type").exec(m[0])?.[1] ?? "";
    const target = ATTR("Target").exec(m[0])?.[1];
    if (id && target) out.push({ id, type, target: resolveTarget(dir, target) });
  }
  return out;
}

export async function locateParts(zip: ZipFile): Promise<{ sheet: ZipEntry; sharedStrings: ZipEntry | null }> {
  const rootRels = await relationships(zip, "");
  const workbookPath = rootRels.find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbook = zip.find(workbookPath);
  if (!workbook) throw new ImportFileError(zip.entries.size > 0 ? "xlsxNoWorksheet" : "xlsxCorrupt");
  const rels = await relationships(zip, workbookPath);
  const xml = await zip.readText(workbook);
  // The first sheet in the workbook's order that is not hidden (a hidden first sheet is
  // usually a lookup table a template carries).
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => ({
    relId: /\b(?:\w+:)?id\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1],
    isHidden: /\bstate\s*=\s*["'](?:hidden|veryHidden)["']/.test(m[0]),
  }));
  const chosen = sheets.find((s) => !s.isHidden) ?? sheets[0];
  const sheetPath = (chosen && rels.find((r) => r.id === chosen.relId)?.target) ?? "xl/worksheets/sheet1.xml";
  const sheet = zip.find(sheetPath);
  if (!sheet) throw new ImportFileError("xlsxNoWorksheet");
  const sstPath = rels.find((r) => r.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";
  return { sheet, sharedStrings: zip.find(sstPath) ?? null };
}

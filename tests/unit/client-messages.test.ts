import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, clientMessages } from "@/lib/i18n/client-messages";
import { MESSAGES } from "@/lib/i18n/messages";

const zh = MESSAGES["zh-CN"];

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) ? [file] : [];
  });
}

describe("messages sent to the browser", () => {
  it("cover every namespace a client component translates with", () => {
    const used = new Set<string>();
    for (const file of ["app", "components", "lib"].flatMap((d) => sourceFiles(path.join(ROOT, d)))) {
      const text = readFileSync(file, "utf8");
      if (!/^["']use client["']/m.test(text)) continue;
      expect(text, `${path.relative(ROOT, file)}: useTranslations() without a namespace sends nothing`).not.toMatch(/useTranslations\(\s*\)/);
      for (const m of text.matchAll(/useTranslations\(\s*["']([\w.]+)["']/g)) used.add(m[1]!.split(".")[0]!);
    }
    expect(used.size).toBeGreaterThan(0);
    for (const ns of used) expect(CLIENT_NAMESPACES, `namespace "${ns}" is read in a client component`).toContain(ns);
  });

  it("are only those namespaces, and exist in the catalogue", () => {
    const picked = clientMessages(zh);
    expect(Object.keys(picked).sort()).toEqual([...CLIENT_NAMESPACES].sort());
  });
});

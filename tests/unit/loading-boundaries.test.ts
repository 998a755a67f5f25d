// A loading.tsx makes its segment stream: the shell answers first, so a notFound() or
// redirect() thrown later in a page below it can no longer set the status (a malformed or
// foreign id would answer 200 instead of 404, issue 11). Loading states therefore sit only on
// segments none of whose pages, layouts or the components they import call notFound(), and
// not on pages that must work without scripts (a streamed page's content is swapped in by script).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(root, "app");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.(tsx?|jsx?)$/.test(name) ? [full] : [];
  });
}

/** The file and the "@/components/…" modules it imports (one level: where pages put their views). */
function withComponents(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const imported = [...text.matchAll(/from "@\/(components\/[^"]+)"/g)].map((m) => m[1]!);
  const resolved = imported.flatMap((spec) => [".tsx", ".ts"].map((ext) => path.join(root, spec + ext)).filter((p) => { try { return statSync(p).isFile(); } catch { return false; } }));
  return [file, ...resolved];
}

const loadingSegments = filesUnder(appDir).filter((f) => path.basename(f) === "loading.tsx").map((f) => path.dirname(f));

describe("loading boundaries", () => {
  it("the coverage, allocation and notification pages have a loading state", () => {
    const names = loadingSegments.map((d) => path.relative(appDir, d));
    expect(names).toEqual(expect.arrayContaining(["(app)/coverage", "(app)/allocation", "(app)/notifications"]));
  });

  it("the dashboards and the regulator's page have none: their period picker works without scripts, and a streamed page's content arrives by script", () => {
    const names = loadingSegments.map((d) => path.relative(appDir, d));
    expect(names).not.toContain("(app)/dashboard");
    expect(names).not.toContain("(app)/regulator");
  });

  it.each(loadingSegments.map((d) => [path.relative(appDir, d), d]))("%s: nothing below the boundary calls notFound()", (_, dir) => {
    const offenders = filesUnder(dir).flatMap(withComponents).filter((f) => /\bnotFound\(\)/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it("no loading state wraps the whole app (its pages answer 404 for ids that are not theirs)", () => {
    expect(loadingSegments.map((d) => path.relative(appDir, d))).not.toContain("(app)");
    expect(loadingSegments.map((d) => path.relative(appDir, d))).not.toContain("");
  });
});

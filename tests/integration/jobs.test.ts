// The job history and on-demand runs (issue 12): admins read the history; a regulator admin
// asks for the daily scan now (queued, audited); a run records start, end, rows and failures.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requestDailyScan } from "@/lib/commands/request-daily-scan";
import { todayInShanghai } from "@/lib/domain/dates";
import { AppError } from "@/lib/errors";
import { recordRun } from "@/lib/jobs/runs";
import { runDailyScanJob } from "@/lib/alerts/scan";
import { listJobRuns } from "@/lib/queries/job-runs";
import { addAdmins, type Admins } from "../support/admin";
import { buildWorld, type World } from "../support/world";

let world: World;
let admins: Admins;
beforeAll(async () => {
  world = await buildWorld();
  admins = await addAdmins(world);
});

describe("job history", () => {
  it("records a run with its trigger, rows touched and end; a failing run is FAILED with its error and rethrows", async () => {
    const key = `test-${world.tag}`;
    await recordRun("test-job", key, { trigger: "ON_DEMAND", requestedById: admins.ids.regulator }, async () => ({ rowsTouched: 7 }));
    const failure = await recordRun("test-job", key, { trigger: "SCHEDULE", attempt: 2 }, async () => {
      throw new Error("boom");
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    const runs = await db.jobRun.findMany({ where: { job: "test-job", key }, orderBy: { id: "asc" } });
    expect(runs.map((r) => [r.status, r.trigger, r.rowsTouched, r.attempt])).toEqual([["DONE", "ON_DEMAND", 7, 1], ["FAILED", "SCHEDULE", null, 2]]);
    expect(runs[1]!.error).toContain("boom");
    expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
  });

  it("the daily scan job records its day and counts; admins of a bank and of the regulator read it, others do not", async () => {
    const result = await runDailyScanJob({ day: todayInShanghai(), trigger: "ON_DEMAND" });
    const history = await listJobRuns(admins.bankA, { job: "daily-scan" });
    expect(history?.runs[0]).toMatchObject({ job: "daily-scan", key: todayInShanghai(), status: "DONE", rowsTouched: result.rowsTouched });
    expect((await listJobRuns(admins.regulator))?.runs.length).toBeGreaterThan(0);
    expect(await listJobRuns(await world.actor("headOffice"))).toBeNull();
    expect(await listJobRuns(await world.actor("regulator"))).toBeNull();
  });
});

describe("on demand", () => {
  it("a regulator admin queues the scan (audited); a bank admin is refused and nothing is written", async () => {
    const before = await db.auditLog.count({ where: { action: "job.request" } });
    const refused = await requestDailyScan(admins.bankA).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(await db.auditLog.count({ where: { action: "job.request" } })).toBe(before);
    expect(await requestDailyScan(admins.regulator)).toEqual({ day: todayInShanghai() });
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "job.request" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actorId: admins.ids.regulator, entityId: `daily-scan:${todayInShanghai()}` });
    const queued = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'daily-scan' AND data->>'requestedById' = ${admins.ids.regulator}`;
    expect(queued[0]!.n).toBe(1);
  });
});

-- ───────────────────────── Hand-written ─────────────────────────
-- The pool's sorts by last contact and next follow-up (lib/queries/list-pool.ts), and its
-- follow-up due / overdue filter: head office walks its bank's clients in the key's order and
-- stops after a page, as bank_clients_pool_idx does for the name. The key is never NULL (a
-- missing date sorts beyond every other), so a keyset row comparison pages through it.
CREATE INDEX "bank_clients_last_contact_idx" ON "bank_clients" ("bank_id", (coalesce("last_contact_at", '-infinity'::date)), "enterprise_id");
CREATE INDEX "bank_clients_follow_up_idx" ON "bank_clients" ("bank_id", (coalesce("next_follow_up_on", 'infinity'::date)), "enterprise_id");

-- Pool search by county (the filter head office distributes by): a county's enterprises in
-- the pool's keyset order, so a page walks one county's names (index only) instead of the
-- whole registry's. Measured on zhejiang-2020, largest bank, its largest county (330681,
-- 6,644 of its clients): first page 0.3 ms with this index against 386 ms walking the
-- registry's (name, id) index and fetching each row for its county.
CREATE INDEX "enterprises_county_code_name_id_idx" ON "enterprises" ("county_code", "name", "id");

// Links within the pool: the filter (and sort) as URL parameters, with one field changed.
import { poolFilterParams, type PoolFilter } from "@/lib/queries/pool-filter";

export function poolHref(filter: PoolFilter, change: Partial<Record<keyof PoolFilter, string | boolean | undefined>> = {}): string {
  const params: Record<string, string> = poolFilterParams(filter, { withSort: true });
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined || value === false || value === "") delete params[key];
    else params[key] = value === true ? "1" : value;
  }
  const query = new URLSearchParams(params).toString();
  return query ? `/pool?${query}` : "/pool";
}

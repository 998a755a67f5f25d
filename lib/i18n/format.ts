// Locale-aware display helpers for server components: one place for money and dates.
import { formatAmount, formatYuan, type Money } from "@/lib/domain/money";
import { formatDate, formatDateTime } from "@/lib/domain/dates";
import { regionName } from "@/lib/domain/regions";
import type { Locale } from "@/lib/i18n/locale";

export function formatters(locale: Locale) {
  return {
    amount: (value: Money) => formatAmount(value, locale),
    yuan: (value: Money) => formatYuan(value, locale),
    date: (iso: string) => formatDate(iso, locale),
    dateTime: (iso: string) => formatDateTime(new Date(iso), locale),
    region: (code: string) => regionName(code, locale) ?? code,
  };
}

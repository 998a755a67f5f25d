import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/locale";
import { MESSAGES } from "@/lib/i18n/messages";

// No locale in the URL: staff switch language once and it sticks in a cookie.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: MESSAGES[locale], timeZone: "Asia/Shanghai" };
});

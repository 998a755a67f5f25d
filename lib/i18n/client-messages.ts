// The message namespaces client components read (useTranslations in "use client" files).
// Messages reach the browser only where a page wraps its forms in <ClientMessages> with the
// namespaces those forms read: every page's HTML carries them in its RSC payload, so sending
// the whole catalogue (three times the size) would serialise, escape and parse it on every
// request of every page. tests/unit/client-messages.test.ts fails when a client component
// reads a namespace not listed here.
export const CLIENT_NAMESPACES = ["errors", "signIn", "visit", "credit", "approvals", "disbursement", "repayment", "listImport", "assign", "allocation", "account", "admin", "assessment", "market", "form"] as const;
export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];

type Messages = Record<string, unknown>;

export function clientMessages(messages: Messages, namespaces: readonly ClientNamespace[] = CLIENT_NAMESPACES): Messages {
  // Forms' shared pieces (character counters, amount echoes) read `form` wherever they read `errors`.
  const picked = namespaces.includes("errors") && !namespaces.includes("form") ? [...namespaces, "form"] : namespaces;
  return Object.fromEntries(picked.filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
}

"use client";
// The visit outbox: visits saved while the phone had no connection, kept in IndexedDB until
// the server has them. Each item keeps every field and its idempotency key (clientKey), so a
// replay of a visit the server already has answers with that visit instead of a second one.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

export type OutboxStatus = "queued" | "sent" | "refused";

export type OutboxItem = {
  clientKey: string;
  /** Whose visit it is: only that user's items are shown and sent. */
  userId: string;
  enterpriseId: string;
  enterpriseName: string;
  fields: Record<string, string>;
  status: OutboxStatus;
  /** For a refused item: the catalogue key (errors.*) of the server's answer. */
  reason?: string;
  fieldErrors?: Record<string, string[]>;
  savedAt: string;
  sentAt?: string;
};

interface OutboxDb extends DBSchema {
  visits: { key: string; value: OutboxItem; indexes: { byUser: string } };
}

let db: Promise<IDBPDatabase<OutboxDb>> | null = null;
function open() {
  db ??= openDB<OutboxDb>("shoudai-outbox", 1, {
    upgrade(database) {
      database.createObjectStore("visits", { keyPath: "clientKey" }).createIndex("byUser", "userId");
    },
  });
  return db;
}

/** Tells the open outbox panels that something changed (in this tab). */
export const OUTBOX_EVENT = "shoudai:outbox";
function changed() {
  window.dispatchEvent(new Event(OUTBOX_EVENT));
}

export function formFields(data: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of data.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) fields[key] = value;
  }
  return fields;
}

export async function putItem(item: OutboxItem): Promise<void> {
  await (await open()).put("visits", item);
  changed();
  // Background Sync where the browser has it (the service worker then asks the pages to send).
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register("visit-outbox");
  } catch {
    // No Background Sync: the online and focus events send the outbox.
  }
}

/** A sent item is shown (as sent) for a week, then dropped; queued and refused ones stay. */
const SENT_KEPT_MS = 7 * 86_400_000;

export async function listItems(userId: string): Promise<OutboxItem[]> {
  const database = await open();
  const items = await database.getAllFromIndex("visits", "byUser", userId);
  const cutoff = new Date(Date.now() - SENT_KEPT_MS).toISOString();
  const expired = items.filter((item) => item.status === "sent" && item.sentAt !== undefined && item.sentAt < cutoff);
  for (const item of expired) await database.delete("visits", item.clientKey);
  return items.filter((item) => !expired.includes(item)).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

export async function removeItem(clientKey: string): Promise<void> {
  await (await open()).delete("visits", clientKey);
  changed();
}

type SendResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
type Send = (data: FormData) => Promise<SendResult>;

let flushing: Promise<number> | null = null;

/**
 * Sends the user's queued items, one at a time, through the same server action as the form.
 * A network failure leaves the item queued (and stops: the connection is gone); an answer
 * from the server marks it sent, or refused with the reason (it stays, editable). Resolves to
 * the number of items sent.
 */
export function flushOutbox(userId: string, send: Send): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      for (const item of await listItems(userId)) {
        if (item.status !== "queued") continue;
        const data = new FormData();
        for (const [key, value] of Object.entries(item.fields)) data.append(key, value);
        let result: SendResult;
        try {
          result = await send(data);
        } catch {
          return sent;
        }
        if (result.ok) sent += 1;
        const now = new Date().toISOString();
        await (await open()).put("visits", result.ok
          ? { ...item, status: "sent", reason: undefined, fieldErrors: undefined, sentAt: now }
          : { ...item, status: "refused", reason: result.message, fieldErrors: result.fieldErrors });
        changed();
      }
      return sent;
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

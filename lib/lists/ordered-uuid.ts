// Time-ordered UUIDs (version 7 layout: 48-bit Unix milliseconds, then a counter and random
// bits) for rows a bulk import creates: a primary-key B-tree takes them at its right edge
// instead of at random pages, which is what makes a 530,000-row insert cheap on that index.
import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;

export function orderedUuid(now = Date.now()): string {
  if (now <= lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      counter = 0;
    }
  } else {
    lastMs = now;
    counter = 0;
  }
  const bytes = randomBytes(16);
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Time-ordered UUIDs (version 7 layout: 48-bit Unix milliseconds, then a counter and random
// bits) for rows a bulk import creates: a primary-key B-tree takes them at its right edge
// instead of at random pages, which is what makes a 530,000-row insert cheap on that index.
// Random bytes come from a pool refilled 64 KiB at a time (one call per id was most of the
// cost at 530,000 ids).
import { randomFillSync } from "node:crypto";

const POOL = Buffer.alloc(64 * 1024);
let poolAt = POOL.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

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
  if (poolAt + 8 > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 8;
  let ms = lastMs;
  const t: string[] = new Array(6);
  for (let i = 5; i >= 0; i--) {
    t[i] = HEX[ms % 256]!;
    ms = Math.floor(ms / 256);
  }
  return (
    `${t[0]}${t[1]}${t[2]}${t[3]}-${t[4]}${t[5]}-` +
    `${HEX[0x70 | ((counter >> 8) & 0x0f)]}${HEX[counter & 0xff]}-` +
    `${HEX[0x80 | (POOL[r]! & 0x3f)]}${HEX[POOL[r + 1]!]}-` +
    `${HEX[POOL[r + 2]!]}${HEX[POOL[r + 3]!]}${HEX[POOL[r + 4]!]}${HEX[POOL[r + 5]!]}${HEX[POOL[r + 6]!]}${HEX[POOL[r + 7]!]}`
  );
}

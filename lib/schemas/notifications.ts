import { z } from "zod";
import { uuid } from "@/lib/schemas/common";

/** Mark one notification read (`id`), or every open one (`all=yes`). */
export const markReadSchema = z.union([
  z.strictObject({ id: uuid }),
  z.strictObject({ all: z.literal("yes") }),
]);

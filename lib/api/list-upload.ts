// POST /api/v1/lists/batches — multipart/form-data with `file` (CSV or XLSX), `listType` (a
// ListType name), `name` (the batch label) and optionally `issuedOn` (YYYY-MM-DD) → 202
// { id }. The same endpoint serves the browser's upload form and other systems (same
// session cookie as the rollup API). The body is streamed into PostgreSQL as it arrives.
import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import Busboy from "busboy";
import type { Actor } from "@/lib/auth/actor";
import { createListImport, MAX_LIST_FILE_BYTES, type UploadReader } from "@/lib/commands/create-list-import";
import { AppError } from "@/lib/errors";
import type { ApiResult } from "@/lib/api/province-rollup";

function multipartReader(request: Request): UploadReader {
  return (onFile) =>
    new Promise((resolve, reject) => {
      const contentType = request.headers.get("content-type") ?? "";
      if (!request.body || !contentType.startsWith("multipart/form-data")) {
        reject(new AppError("INVALID_INPUT", "invalidInput", { file: ["multipartRequired"] }));
        return;
      }
      let bb: ReturnType<typeof Busboy>;
      try {
        bb = Busboy({
          headers: { "content-type": contentType },
          defParamCharset: "utf8",
          limits: { files: 1, fields: 10, fieldSize: 4096, fileSize: MAX_LIST_FILE_BYTES + 1 },
        });
      } catch {
        reject(new AppError("INVALID_INPUT", "invalidInput", { file: ["multipartRequired"] }));
        return;
      }
      const fields: Record<string, string> = {};
      let pending: Promise<void> = Promise.resolve();
      let failed = false;
      bb.on("field", (name, value) => {
        fields[name] = value;
      });
      bb.on("file", (name, stream, info) => {
        if (name !== "file" || failed) {
          stream.resume();
          return;
        }
        pending = onFile({ fileName: info.filename || "upload", stream }).catch((error: unknown) => {
          failed = true;
          stream.resume();
          throw error;
        });
        pending.catch(reject);
      });
      bb.on("error", reject);
      bb.on("close", () => {
        pending.then(() => resolve(fields), reject);
      });
      Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>).on("error", reject).pipe(bb);
    });
}

export async function uploadListApi(actor: Actor | null, request: Request): Promise<ApiResult> {
  if (!actor) return { status: 401, body: { error: "unauthenticated" } };
  try {
    const { batchId } = await createListImport(actor, multipartReader(request));
    return { status: 202, body: { id: batchId } };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "UNAUTHENTICATED") return { status: 401, body: { error: "unauthenticated" } };
      if (error.code === "NOT_FOUND") return { status: 403, body: { error: "forbidden" } };
      return { status: 400, body: { error: "invalid_input", fieldErrors: error.fieldErrors ?? {} } };
    }
    throw error;
  }
}

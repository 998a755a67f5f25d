"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass, inputClass } from "@/components/form-feedback";

type FieldErrors = Record<string, string[]>;

/**
 * Posts the file to POST /api/v1/lists/batches (the same endpoint other systems use) with
 * XMLHttpRequest, for its upload progress; then opens the batch page, where the import's own
 * progress shows. The server streams the file into the database as it arrives.
 */
export function UploadForm({ listTypes }: { listTypes: { value: string; label: string }[] }) {
  const t = useTranslations("listImport");
  const router = useRouter();
  const [percent, setPercent] = useState<number | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (percent !== null) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    // Fields before the file, so the server knows what it receives before the bytes.
    const body = new FormData();
    for (const key of ["listType", "name", "issuedOn"]) body.append(key, String(data.get(key) ?? ""));
    const file = data.get("file");
    if (file instanceof File && file.size > 0) body.append("file", file, file.name);
    setErrors({});
    setFailure(null);
    setPercent(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/lists/batches");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPercent(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const response = (xhr.response ?? {}) as { id?: string; error?: string; fieldErrors?: FieldErrors };
      if (xhr.status === 202 && response.id) {
        router.push(`/lists/${response.id}`);
        return;
      }
      setPercent(null);
      if (xhr.status === 400) setErrors(response.fieldErrors ?? { file: ["multipartRequired"] });
      else setFailure(xhr.status === 401 ? "unauthenticated" : xhr.status === 403 ? "forbidden" : "internal");
    };
    xhr.onerror = () => {
      setPercent(null);
      setFailure("internal");
    };
    xhr.send(body);
  }

  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <p className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>{errors[name]!.map((k) => t(`errors.${k}`)).join(" ")}</p>
    ) : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="upload-form" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="text-slate-700">{t("upload.listType")}</span>
          <select name="listType" className={inputClass} defaultValue={listTypes[0]?.value}>
            {listTypes.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
          {fieldError("listType")}
        </label>
        <label className="block text-sm">
          <span className="text-slate-700">{t("upload.name")}</span>
          <input name="name" required maxLength={100} placeholder={t("upload.namePlaceholder")} className={inputClass} />
          {fieldError("name")}
        </label>
        <label className="block text-sm">
          <span className="text-slate-700">{t("upload.issuedOn")}</span>
          <input name="issuedOn" type="date" className={inputClass} />
          <span className="mt-1 block text-xs text-slate-500">{t("upload.issuedOnHint")}</span>
          {fieldError("issuedOn")}
        </label>
        <label className="block text-sm">
          <span className="text-slate-700">{t("upload.file")}</span>
          <input name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className={inputClass} />
          {fieldError("file")}
        </label>
      </div>
      {failure ? <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{t(`errors.${failure}`)}</p> : null}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className={buttonClass} disabled={percent !== null}>{t("upload.submit")}</button>
        {percent !== null ? (
          <span className="flex items-center gap-2 text-sm text-slate-600" role="status">
            <progress max={100} value={percent} className="h-2 w-40" />
            {t("upload.uploading", { percent })}
          </span>
        ) : null}
      </div>
    </form>
  );
}

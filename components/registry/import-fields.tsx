"use client";

import { ENVIRONMENTS } from "@/lib/domain/registry/vocabulary";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import { Checkbox, Input, Select } from "../ui/controls";
import { Field } from "../ui/field";
import { MB } from "./import-upload";

// The browser's own "Choose file" button, drawn as a button so it reads as one.
const FILE_BUTTON =
  "file:mr-3 file:cursor-pointer file:rounded file:border file:border-slate-400 file:bg-slate-100 file:px-2 file:py-0 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-200";

/** The import's options and the file; `errors` are the last attempt's, per field (`content` is the file). */
export function ImportFields({ formats, maxBytes, errors }: { formats: [string, string][]; maxBytes: number; errors: FieldErrors }) {
  return (
    <>
      <Field label="Format" error={errors.format} hint="Where the file comes from.">
        <Select name="format" className="min-w-0">
          {formats.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Environment (when the file does not say)" error={errors.environment}>
        <Select name="environment" className="min-w-0">
          {ENVIRONMENTS.map((e) => (
            <option key={e}>{e}</option>
          ))}
        </Select>
      </Field>
      <Field label="Cluster (Kubernetes)" error={errors.cluster} hint="Only for Kubernetes files.">
        <Input name="cluster" maxLength={100} />
      </Field>
      <Field label="Organization (GitHub)" error={errors.org} hint="Only for GitHub files.">
        <Input name="org" maxLength={100} />
      </Field>
      <Field
        label="IAM identity ARN (AWS access advisor)"
        error={errors.arn}
        hint="Only for an access advisor report of one identity."
        className="sm:col-span-2"
      >
        <Input name="arn" maxLength={500} placeholder="arn:aws:iam::123456789012:role/deployer" />
      </Field>
      <div className="flex flex-col gap-2 sm:col-span-2">
        <div>
          <Checkbox name="fullExport" label="The file lists everything in its source" aria-describedby="full-export-hint" />
          <p id="full-export-hint" className="ml-6 text-xs text-slate-600">
            Identities of that source (an AWS account, a cluster, an organization) that the file no longer lists are marked “gone from
            source”. Nothing is deleted.
          </p>
          {errors.fullExport && <p className="ml-6 text-xs font-medium text-red-700">{errors.fullExport.join(", ")}</p>}
        </div>
        <div>
          <Checkbox name="registerDormant" label="Register dormant IAM users (AWS)" aria-describedby="register-dormant-hint" />
          <p id="register-dormant-hint" className="ml-6 text-xs text-slate-600">
            Users with no active key or certificate are registered as offboarding candidates instead of skipped.
          </p>
        </div>
      </div>
      <Field
        label="File"
        error={errors.content}
        hint={`CSV or JSON, up to ${Math.round(maxBytes / MB).toLocaleString("en")} MB.`}
        className="sm:col-span-2"
      >
        <Input name="file" type="file" accept=".csv,.json,text/csv,application/json" className={FILE_BUTTON} />
      </Field>
    </>
  );
}

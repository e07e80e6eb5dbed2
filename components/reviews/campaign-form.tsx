"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import type { CampaignPreview } from "@/lib/domain/reviews/launch/preview-campaign";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Checkbox, Input, Select, Textarea } from "../ui/controls";
import { Field, Fieldset } from "../ui/field";
import type { ActionResult } from "../ui/form-result";
import { CampaignPreviewView } from "./campaign-preview";

type CampaignInput = Record<string, unknown>;
type Pairs = [string, string][];
/** The vocabularies the form offers (the page passes them: a client component imports no domain code). */
export type CampaignChoices = {
  environments: Pairs;
  kinds: Pairs;
  statuses: Pairs;
  credentialTypes: Pairs;
  flags: Pairs;
  nonResponse: { value: string; label: string; explanation: string }[];
  applyModes: Pairs;
  recurrences: Pairs;
  secondStageItems: Pairs;
};
type Created = { id: string; launched: boolean; launchError: string | null };

/** Scope fields typed or chosen (sent only when given) and yes/no scope checks (sent only when ticked). */
const SCOPE_TEXT = [
  "environment",
  "kind",
  "platform",
  "status",
  "owner",
  "team",
  "tag",
  "q",
  "credentialType",
  "flag",
  "usage",
  "unusedForDays",
  "olderThanDays",
  "expiringWithinDays",
];
const SCOPE_CHECKS: [string, string][] = [
  ["privilegedInProduction", "Admin or write scope in production"],
  ["wildcardScope", "Wildcard scope"],
  ["expired", "Credential expired"],
  ["noExpiry", "Credential never expires"],
  ["thirdParty", "Third-party (a vendor is named)"],
  ["openFindings", "Open findings from its source"],
  ["humanUse", "Used by a person"],
  ["severalActive", "Several active credentials"],
  ["noOwner", "No owner"],
  ["departedOwner", "Owner or backup owner deactivated"],
];

function toInput(data: FormData): CampaignInput {
  const text = (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  const scope: Record<string, string> = {};
  for (const name of SCOPE_TEXT) if (text(`scope.${name}`)) scope[name] = text(`scope.${name}`);
  for (const [name] of SCOPE_CHECKS) if (data.get(`scope.${name}`)) scope[name] = "true";
  const ids = (name: string) => data.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
  // A field left empty, or not on the form (a hidden section), is left out: the definition's default applies.
  const given = (o: CampaignInput) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ""));
  return given({
    name: text("name"),
    description: text("description"),
    scope,
    ownerId: text("ownerId"),
    fallbackReviewerIds: ids("fallbackReviewerIds"),
    durationDays: text("durationDays"),
    reminderDays: text("reminderDays"),
    escalationDays: text("escalationDays"),
    graceDays: text("graceDays"),
    secondStageItems: text("secondStageItems"),
    secondStageReviewerIds: ids("secondStageReviewerIds"),
    secondStageDays: text("secondStageDays"),
    nonResponseAction: text("nonResponseAction"),
    applyMode: text("applyMode"),
    recurrence: text("recurrence"),
    cron: text("cron"),
    followUpRound: !!data.get("followUpRound"),
    followUpDays: text("followUpDays"),
    observationDays: text("observationDays"),
  });
}

/** The errors of a field and of its parts ("fallbackReviewerIds.0" belongs to fallbackReviewerIds). */
const errorsOf = (errors: FieldErrors, name: string) => {
  const found = Object.entries(errors).flatMap(([k, v]) => (k === name || k.startsWith(`${name}.`) ? v : []));
  return found.length ? found : undefined;
};

const UNREACHABLE = "The request did not complete. Check your connection and try again.";

/**
 * The campaign definition: every field, a Preview that asks the server what launching would create (nothing is
 * stored), then Create and launch (or save for later). Errors come back per field and are shown beside it.
 */
export function CampaignForm({
  choices,
  people,
  me,
  preview: previewAction,
  create,
}: {
  choices: CampaignChoices;
  people: PersonDto[];
  me: string;
  preview: (input: CampaignInput) => Promise<ActionResult<CampaignPreview>>;
  create: (input: CampaignInput, launch: boolean) => Promise<ActionResult<Created>>;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<null | "preview" | "launch" | "save">(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [stale, setStale] = useState(false);
  const [recurrence, setRecurrence] = useState("one_off");
  const [secondStage, setSecondStage] = useState("none");
  const [followUp, setFollowUp] = useState(false);
  const err = (name: string) => errorsOf(errors, name);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = (submitter?.value ?? "preview") as "preview" | "launch" | "save";
    const input = toInput(new FormData(event.currentTarget));
    setPending(intent);
    setMessage(null);
    try {
      if (intent === "preview") {
        const result = await previewAction(input);
        if (result.ok) {
          setPreview(result.data);
          setStale(false);
          setErrors({});
        } else {
          setErrors(result.fieldErrors ?? {});
          setMessage(result.message);
        }
        return;
      }
      const result = await create(input, intent === "launch");
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      const { id, launched, launchError } = result.data;
      const notice =
        intent === "launch" && !launched ? `?notice=${encodeURIComponent(`Saved, but not launched: ${launchError ?? "refused"}`)}` : "";
      router.push(`/reviews/campaigns/${id}${notice}`);
    } catch {
      setMessage(UNREACHABLE);
    } finally {
      setPending(null);
    }
  }

  const peopleOptions = people.map((p) => (
    <option key={p.id} value={p.id}>
      {p.name} ({p.email})
    </option>
  ));
  const choice = (options: [string, string][], none?: string) => [
    ...(none !== undefined
      ? [
          <option key="" value="">
            {none}
          </option>,
        ]
      : []),
    ...options.map(([v, l]) => (
      <option key={v} value={v}>
        {l}
      </option>
    )),
  ];
  const section = "rounded-lg border border-slate-200 bg-white p-5";
  const heading = "mb-1 text-base font-semibold";

  return (
    <form
      onSubmit={onSubmit}
      onChange={() => preview && setStale(true)}
      noValidate
      className="flex flex-col gap-4"
      aria-describedby={message ? "form-message" : undefined}
    >
      {message && (
        <div id="form-message">
          <Alert tone="error">{message}</Alert>
        </div>
      )}
      <section className={section} aria-labelledby="s-what">
        <h2 id="s-what" className={heading}>
          The campaign
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" error={err("name")}>
            <Input name="name" required maxLength={200} placeholder="Production write access, quarterly" />
          </Field>
          <Field label="Campaign owner" hint="Accountable for the campaign, and the last reviewer in the rule." error={err("ownerId")}>
            <Select name="ownerId" defaultValue={me}>
              {peopleOptions}
            </Select>
          </Field>
          <Field
            label="Description"
            className="md:col-span-2"
            hint="Why this review, for reviewers and auditors."
            error={err("description")}
          >
            <Textarea name="description" rows={2} maxLength={2000} />
          </Field>
        </div>
      </section>

      <section className={section} aria-labelledby="s-scope">
        <h2 id="s-scope" className={heading}>
          Which identities
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Any registry filter, plus the review&apos;s risk filters. Leave everything empty to review every active or suspended identity.
        </p>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Environment" error={err("scope.environment")}>
            <Select name="scope.environment" defaultValue="">
              {choice(choices.environments, "Any")}
            </Select>
          </Field>
          <Field label="Kind" error={err("scope.kind")}>
            <Select name="scope.kind" defaultValue="">
              {choice(choices.kinds, "Any")}
            </Select>
          </Field>
          <Field label="Status" hint="Empty: active and suspended." error={err("scope.status")}>
            <Select name="scope.status" defaultValue="">
              {choice(choices.statuses, "Active or suspended")}
            </Select>
          </Field>
          <Field label="Platform" error={err("scope.platform")}>
            <Input name="scope.platform" placeholder="aws" />
          </Field>
          <Field label="Owner" error={err("scope.owner")}>
            <Select name="scope.owner" defaultValue="">
              <option value="">Anyone</option>
              {peopleOptions}
            </Select>
          </Field>
          <Field label="Team" error={err("scope.team")}>
            <Input name="scope.team" />
          </Field>
          <Field label="Tag" error={err("scope.tag")}>
            <Input name="scope.tag" />
          </Field>
          <Field label="Name, external id or purpose contains" error={err("scope.q")}>
            <Input name="scope.q" />
          </Field>
          <Field label="Credential type" error={err("scope.credentialType")}>
            <Select name="scope.credentialType" defaultValue="">
              {choice(choices.credentialTypes, "Any")}
            </Select>
          </Field>
          <Field label="Finding" error={err("scope.flag")}>
            <Select name="scope.flag" defaultValue="">
              {choice(choices.flags, "Any")}
            </Select>
          </Field>
          <Field label="Unused for at least (days)" error={err("scope.unusedForDays")}>
            <Input name="scope.unusedForDays" inputMode="numeric" placeholder="90" />
          </Field>
          <Field label="Not rotated for (days)" hint="Credential older than this." error={err("scope.olderThanDays")}>
            <Input name="scope.olderThanDays" inputMode="numeric" placeholder="365" />
          </Field>
        </div>
        <Fieldset
          legend="Risk filters (all ticked must hold)"
          className="mt-4"
          error={err("scope.privilegedInProduction") ?? err("scope.thirdParty")}
        >
          {SCOPE_CHECKS.map(([name, label]) => (
            <Checkbox key={name} name={`scope.${name}`} value="true" label={label} />
          ))}
        </Fieldset>
      </section>

      <section className={section} aria-labelledby="s-who">
        <h2 id="s-who" className={heading}>
          Who reviews
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Each identity goes to its owner; if the owner is missing, deactivated or may not review, to its backup owner; then to the first
          fallback reviewer who can; then to the campaign owner. The preview shows who gets what, and why.
        </p>
        <Field
          label="Fallback reviewers"
          hint="Hold Ctrl (⌘ on a Mac) to choose several; tried in this list's order."
          error={err("fallbackReviewerIds")}
        >
          <Select name="fallbackReviewerIds" multiple className="h-32 py-1" defaultValue={[]}>
            {peopleOptions}
          </Select>
        </Field>
      </section>

      <section className={section} aria-labelledby="s-when">
        <h2 id="s-when" className={heading}>
          Timing and reminders
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Duration (days)" hint="1 to 90: decisions are due after this." error={err("durationDays")}>
            <Input name="durationDays" inputMode="numeric" defaultValue="14" />
          </Field>
          <Field
            label="Reminders (days before due)"
            hint='Comma-separated, e.g. "7, 1". Launch is the first notice.'
            error={err("reminderDays")}
          >
            <Input name="reminderDays" defaultValue="7, 1" />
          </Field>
          <Field
            label="Escalation (days past due)"
            hint="Up to 4 rising steps: notify, add backup owner, fallback, campaign owner."
            error={err("escalationDays")}
          >
            <Input name="escalationDays" defaultValue="1, 3, 5" />
          </Field>
          <Field label="Grace period (days)" hint="After the due date, before the non-response action." error={err("graceDays")}>
            <Input name="graceDays" inputMode="numeric" defaultValue="7" />
          </Field>
        </div>
      </section>

      <section className={section} aria-labelledby="s-stage">
        <h2 id="s-stage" className={heading}>
          Second stage
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Items a security reviewer checks after the owners" error={err("secondStageItems")}>
            <Select name="secondStageItems" value={secondStage} onChange={(e) => setSecondStage(e.target.value)}>
              {choice(choices.secondStageItems)}
            </Select>
          </Field>
          {secondStage !== "none" && (
            <>
              <Field
                label="Security reviewers"
                hint="Nobody reviews in stage 2 an item they decided in stage 1."
                error={err("secondStageReviewerIds")}
              >
                <Select name="secondStageReviewerIds" multiple className="h-28 py-1" defaultValue={[]}>
                  {peopleOptions}
                </Select>
              </Field>
              <Field label="Second stage lasts (days)" error={err("secondStageDays")}>
                <Input name="secondStageDays" inputMode="numeric" defaultValue="7" />
              </Field>
            </>
          )}
        </div>
      </section>

      <section className={section} aria-labelledby="s-outcome">
        <h2 id="s-outcome" className={heading}>
          Outcomes
        </h2>
        <Fieldset legend="If a reviewer does not answer by the end of the grace period" error={err("nonResponseAction")}>
          <div className="flex w-full flex-col gap-2">
            {choices.nonResponse.map((o) => (
              <label key={o.value} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="nonResponseAction"
                  value={o.value}
                  defaultChecked={o.value === "keep_flag"}
                  className="mt-1 h-4 w-4 accent-slate-900"
                />
                <span>
                  <span className="font-medium">{o.label}</span>
                  <span className="block text-xs text-slate-600">{o.explanation}</span>
                </span>
              </label>
            ))}
          </div>
        </Fieldset>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Fieldset legend="Apply decisions" error={err("applyMode")}>
            {choices.applyModes.map(([value, label]) => (
              <label key={value} className="flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name="applyMode"
                  value={value}
                  defaultChecked={value === "on_close"}
                  className="h-4 w-4 accent-slate-900"
                />
                {label}
              </label>
            ))}
          </Fieldset>
          <Field
            label="Observation before decommissioning (days)"
            hint="A decommission waits this long, suspended, for any sign of use."
            error={err("observationDays")}
          >
            <Input name="observationDays" inputMode="numeric" defaultValue="14" />
          </Field>
        </div>
      </section>

      <section className={section} aria-labelledby="s-repeat">
        <h2 id="s-repeat" className={heading}>
          Recurrence
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Runs" hint="Each run (duration, grace and second stage) must end before the next." error={err("recurrence")}>
            <Select name="recurrence" value={recurrence} onChange={(e) => setRecurrence(e.target.value)}>
              {choice(choices.recurrences)}
            </Select>
          </Field>
          {recurrence === "cron" && (
            <Field label="Cron expression (UTC)" hint='e.g. "0 9 1 */2 *": 09:00 on the 1st, every other month.' error={err("cron")}>
              <Input name="cron" placeholder="0 9 1 */2 *" />
            </Field>
          )}
          <div className="flex flex-col gap-1">
            <Checkbox
              name="followUpRound"
              value="true"
              label="Follow-up round for unanswered items"
              checked={followUp}
              onChange={(e) => setFollowUp(e.target.checked)}
            />
            <span className="text-xs text-slate-600">When a run closes, its undecided items re-open for their reviewers only.</span>
            {err("followUpRound") && <span className="text-xs font-medium text-red-700">{err("followUpRound")?.join(", ")}</span>}
          </div>
          {followUp && (
            <Field label="Follow-up round lasts (days)" error={err("followUpDays")}>
              <Input name="followUpDays" inputMode="numeric" defaultValue="7" />
            </Field>
          )}
        </div>
      </section>

      <div className="flex flex-wrap items-center gap-2" aria-live="polite">
        <Button
          type="submit"
          name="intent"
          value="preview"
          pending={pending === "preview"}
          pendingLabel="Previewing…"
          disabled={pending !== null}
        >
          Preview
        </Button>
        <Button
          type="submit"
          name="intent"
          value="launch"
          variant="primary"
          pending={pending === "launch"}
          pendingLabel="Launching…"
          disabled={pending !== null}
        >
          Create and launch
        </Button>
        <Button type="submit" name="intent" value="save" pending={pending === "save"} pendingLabel="Saving…" disabled={pending !== null}>
          Save without launching
        </Button>
        {!preview && <span className="text-sm text-slate-600">Preview first: nothing is created until you launch or save.</span>}
      </div>
      {preview && <CampaignPreviewView preview={preview} stale={stale} />}
    </form>
  );
}

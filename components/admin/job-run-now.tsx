"use client";

import { runJobNowAction } from "@/app/(console)/admin/jobs/actions";
import { Button } from "../ui/button";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/** "Run now": the job is due at once and runs within seconds; the page refreshes to show its run. */
export function JobRunNow({ id, jobKey, running, size = "sm" }: { id: string; jobKey: string; running: boolean; size?: "sm" | "md" }) {
  const run = useActionForm(runJobNowAction, {
    success: "Started: it runs within seconds, and its run shows here.",
  });
  return (
    <div>
      <Button
        size={size}
        pending={run.pending}
        pendingLabel="Starting…"
        disabled={running}
        title={running ? "It is running now" : undefined}
        aria-label={`Run now: ${jobKey}`}
        onClick={() => run.run({ id })}
      >
        Run now
      </Button>
      <FormStatus message={run.message} className="mt-2 w-56 whitespace-normal" />
    </div>
  );
}

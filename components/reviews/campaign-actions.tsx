"use client";

import { useState } from "react";
import { archiveCampaignAction, closeRunAction, launchCampaignAction } from "@/app/(console)/reviews/campaigns/actions";
import { ConfirmDialog } from "../registry/confirm-dialog";
import { Button } from "../ui/button";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

type Asking = null | "launch" | "close" | "archive";

/**
 * The admin's buttons on a campaign: launch the next run, close the open one, archive. Each asks first (what it
 * will do, in a sentence), then runs its server action; the page refreshes to show the outcome.
 */
export function CampaignActions({
  campaignId,
  campaignName,
  openRun,
  mayLaunch,
  mayClose,
  mayArchive,
}: {
  campaignId: string;
  campaignName: string;
  openRun: { id: string; number: number; undecided: number } | null;
  mayLaunch: boolean;
  mayClose: boolean;
  mayArchive: boolean;
}) {
  const [asking, setAsking] = useState<Asking>(null);
  const launch = useActionForm(launchCampaignAction, {
    success: (d) => `Run #${d.number} launched: ${d.itemCount.toLocaleString("en-US")} items.`,
  });
  const close = useActionForm(closeRunAction, { success: "The run is closing: outcomes are being applied." });
  const archive = useActionForm(archiveCampaignAction, { success: "Archived: no further runs will launch." });
  const message = launch.message ?? close.message ?? archive.message;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {mayLaunch && (
          <Button
            variant="primary"
            pending={launch.pending}
            pendingLabel="Launching…"
            disabled={!!openRun}
            title={openRun ? `Close run #${openRun.number} first: runs never overlap` : undefined}
            onClick={() => setAsking("launch")}
          >
            Launch next run
          </Button>
        )}
        {mayClose && openRun && (
          <Button pending={close.pending} pendingLabel="Closing…" onClick={() => setAsking("close")}>
            Close run #{openRun.number}
          </Button>
        )}
        {mayArchive && (
          <Button variant="danger" pending={archive.pending} pendingLabel="Archiving…" onClick={() => setAsking("archive")}>
            Archive
          </Button>
        )}
      </div>
      <FormStatus message={message} className="max-w-md" />
      {asking === "launch" && (
        <ConfirmDialog
          title={`Launch the next run of ${campaignName}?`}
          confirmLabel="Launch"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            launch.run({ campaignId });
          }}
        >
          Every identity in scope now is snapshotted and assigned to its reviewer, who is notified at once.
        </ConfirmDialog>
      )}
      {asking === "close" && openRun && (
        <ConfirmDialog
          title={`Close run #${openRun.number} now?`}
          confirmLabel="Close run"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            close.run({ runId: openRun.id, campaignId });
          }}
        >
          Decisions end now and the outcomes are applied to the registry.
          {openRun.undecided > 0 && ` ${openRun.undecided.toLocaleString("en-US")} undecided items get the run's non-response action.`} A
          closed run is read-only.
        </ConfirmDialog>
      )}
      {asking === "archive" && (
        <ConfirmDialog
          title={`Archive ${campaignName}?`}
          confirmLabel="Archive"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            archive.run({ campaignId });
          }}
        >
          It launches no further runs and can no longer be changed. A run under way still finishes and closes; all evidence stays.
        </ConfirmDialog>
      )}
    </div>
  );
}

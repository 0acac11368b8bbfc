import { Alert } from '../../../components/ui/alert.tsx';
import { notRecordedReason } from '../history-note.ts';

/** The console answered with the status but could not record it: the history may miss it. */
export function NotRecordedNotice({ reason }: { reason: string | null }) {
  return (
    <Alert as="p" role="alert" tone="warning" className="mt-3" data-testid="not-recorded">
      This status was not recorded in the console's history: {notRecordedReason(reason)}. The status
      shown is current; the history below may miss it.
    </Alert>
  );
}

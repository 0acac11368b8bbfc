import { LiveStatus } from '../../../components/live-status.tsx';
import type { LiveRefresh } from '../../../lib/use-live-refresh.ts';
import { describeStatus } from '../lib/status.ts';

/** How the process page notices a status change (see useStatusChange). */
export const processStatusChange = {
  keyOf: (status: string) => status,
  describeChange(from: string, to: string) {
    const next = describeStatus(to);
    return `Status changed from ${describeStatus(from).label} to ${next.label}. ${next.explanation}`;
  },
  labelOf: (status: string) => describeStatus(status).label || status,
};

/** The process page's live line: polling state, pause switch, announced status changes. */
export function ProcessLiveStatus({
  status,
  refresh,
  announcement,
}: {
  status: string;
  refresh: LiveRefresh;
  announcement: string;
}) {
  return (
    <LiveStatus
      refresh={refresh}
      announcement={announcement}
      notLiveMessage={
        describeStatus(status).final
          ? 'Final status: this process will not change any more.'
          : // An undocumented status is not polled (nothing says it ever ends), but it is not
            // known to be final either: say so rather than promise that nothing will change.
            'Not refreshed automatically: this status is undocumented, so the console cannot tell whether the process will still change.'
      }
    />
  );
}

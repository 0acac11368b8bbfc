import { LiveStatus as SharedLiveStatus } from '../../../components/live-status.tsx';
import { describeStatus } from '../lib/status.ts';

interface LiveStatusProps {
  status: string;
  live: boolean;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

const keyOf = (status: string) => status;

function describeChange(from: string, to: string) {
  const next = describeStatus(to);
  return `Status changed from ${describeStatus(from).label} to ${next.label}. ${next.explanation}`;
}

/** The process page's live line: polling state, pause switch, announced status changes. */
export function LiveStatus(props: LiveStatusProps) {
  return (
    <SharedLiveStatus
      {...props}
      keyOf={keyOf}
      describeChange={describeChange}
      notLiveMessage={
        describeStatus(props.status).final
          ? 'Final status: this process will not change any more.'
          : // An undocumented status is not polled (nothing says it ever ends), but it is not
            // known to be final either: say so rather than promise that nothing will change.
            'Not refreshed automatically: this status is undocumented, so the console cannot tell whether the process will still change.'
      }
    />
  );
}

import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { describeTransferStatus, type TransferOutcome } from '../lifecycle.ts';

/**
 * Each outcome is a badge tone (WCAG AA in both themes) and an icon that repeats it as a shape
 * for a quick scan; the words carry the meaning, so colour is never the only cue.
 */
const OUTCOME_STYLES: Record<TransferOutcome, { tone: BadgeTone; icon: string }> = {
  'in-progress': { tone: 'progress', icon: '●' },
  succeeded: { tone: 'success', icon: '✓' },
  failed: { tone: 'danger', icon: '✕' },
  other: { tone: 'neutral', icon: '–' },
  unknown: { tone: 'warning', icon: '?' },
};

export function TransferStatusBadge({
  status,
}: {
  status: { status: number; description?: string };
}) {
  const d = describeTransferStatus(status);
  const style = OUTCOME_STYLES[d.outcome];
  return (
    <Badge tone={style.tone} data-code={d.code} data-outcome={d.outcome} data-tone={style.tone}>
      <span
        aria-hidden="true"
        className={`shrink-0 text-xs leading-none ${d.outcome === 'in-progress' ? 'motion-safe:animate-pulse' : ''}`}
      >
        {style.icon}
      </span>
      {d.label}
    </Badge>
  );
}

import { describeTransferStatus, type TransferOutcome } from '../lifecycle.ts';

/**
 * Each pill is a Tailwind -100 background with -900 text (well above WCAG AA 4.5:1). The icon
 * repeats the outcome as a shape for a quick scan; the words carry the meaning, so colour is
 * never the only cue.
 */
const OUTCOME_STYLES: Record<TransferOutcome, { pill: string; icon: string }> = {
  'in-progress': { pill: 'bg-blue-100 text-blue-900 ring-blue-300', icon: '●' },
  succeeded: { pill: 'bg-green-100 text-green-900 ring-green-300', icon: '✓' },
  failed: { pill: 'bg-red-100 text-red-900 ring-red-300', icon: '✕' },
  other: { pill: 'bg-slate-100 text-slate-900 ring-slate-300', icon: '–' },
  unknown: { pill: 'bg-amber-100 text-amber-900 ring-amber-300', icon: '?' },
};

export function TransferStatusBadge({
  status,
}: {
  status: { status: number; description?: string };
}) {
  const d = describeTransferStatus(status);
  const style = OUTCOME_STYLES[d.outcome];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${style.pill}`}
      data-code={d.code}
      data-outcome={d.outcome}
    >
      <span
        aria-hidden="true"
        className={`shrink-0 text-xs leading-none ${d.outcome === 'in-progress' ? 'motion-safe:animate-pulse' : ''}`}
      >
        {style.icon}
      </span>
      {d.label}
    </span>
  );
}

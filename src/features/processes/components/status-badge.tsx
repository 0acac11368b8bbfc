import { describeStatus, type StatusTone } from '../lib/status.ts';

/**
 * Each pair is a Tailwind -100 background with -900 text, well above WCAG AA 4.5:1 for small
 * text. The dot repeats the tone for a quick scan; the label carries the meaning, so the
 * colour is never the only cue.
 */
const TONE_CLASSES: Record<StatusTone, { pill: string; dot: string }> = {
  neutral: { pill: 'bg-slate-100 text-slate-900 ring-slate-300', dot: 'bg-slate-500' },
  info: { pill: 'bg-indigo-100 text-indigo-900 ring-indigo-300', dot: 'bg-indigo-500' },
  progress: { pill: 'bg-blue-100 text-blue-900 ring-blue-300', dot: 'bg-blue-600' },
  success: { pill: 'bg-green-100 text-green-900 ring-green-300', dot: 'bg-green-600' },
  warning: { pill: 'bg-amber-100 text-amber-900 ring-amber-300', dot: 'bg-amber-500' },
  danger: { pill: 'bg-red-100 text-red-900 ring-red-300', dot: 'bg-red-600' },
};

export function StatusBadge({ status }: { status: string }) {
  const description = describeStatus(status);
  const tone = TONE_CLASSES[description.tone];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${tone.pill}`}
      data-testid="process-status"
      data-status={status}
      data-tone={description.tone}
      title={description.explanation}
    >
      <span
        aria-hidden="true"
        className={`size-2 shrink-0 rounded-full ${tone.dot} ${description.tone === 'progress' ? 'motion-safe:animate-pulse' : ''}`}
      />
      {description.label || '(empty status)'}
      {!description.known && <span className="text-xs font-normal">(undocumented)</span>}
    </span>
  );
}

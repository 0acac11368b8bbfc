import { Badge, BadgeDot } from '../../../components/ui/badge.tsx';
import { describeStatus } from '../lib/status.ts';

/**
 * The status as a badge of its tone (WCAG AA in both themes). The dot repeats the tone for a
 * quick scan; the label carries the meaning, so the colour is never the only cue.
 */
export function StatusBadge({ status }: { status: string }) {
  const description = describeStatus(status);
  return (
    <Badge
      tone={description.tone}
      data-testid="process-status"
      data-status={status}
      data-tone={description.tone}
      title={description.explanation}
    >
      <BadgeDot tone={description.tone} pulse={description.tone === 'progress'} />
      {description.label || '(empty status)'}
      {!description.known && <span className="text-xs font-normal">(undocumented)</span>}
    </Badge>
  );
}

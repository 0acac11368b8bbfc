import type { TransferObservation } from '../../../contract/transfer-history.ts';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { currentStep, describeTransferStatus, type StepState } from '../lifecycle.ts';

export interface TimelineStatus {
  status: number;
  description?: string;
  statusChangeDate?: string | null;
}

interface TransferTimelineProps {
  /** The current status, from the live lookup. */
  status: TimelineStatus;
  /** What the console server recorded; undefined while loading or when it failed. */
  observations?: readonly TransferObservation[];
  timeZone: TimeZoneChoice;
}

/**
 * Each state has words, a shape and a tone (WCAG AA in both themes), so none depends on colour
 * alone.
 */
const STATE_STYLES: Record<
  StepState,
  { text: string; icon: string; marker: string; tone: BadgeTone }
> = {
  done: {
    text: 'Done',
    icon: '✓',
    marker: 'border-success bg-success-muted text-success-fg',
    tone: 'success',
  },
  current: {
    text: 'Current step',
    icon: '●',
    marker: 'border-progress bg-progress-muted text-progress-fg',
    tone: 'progress',
  },
  failed: {
    text: 'Failed',
    icon: '✕',
    marker: 'border-danger bg-danger-muted text-danger-fg',
    tone: 'danger',
  },
  'not-reached': {
    text: 'Not reached',
    icon: '○',
    marker: 'border-dashed border-fg-subtle bg-surface text-fg-muted',
    tone: 'neutral',
  },
};

export interface TimelineEntry {
  key: string;
  status: number;
  description: string | undefined;
  statusChangeDate?: string | null;
  firstSeenAt?: string;
  /** The status the live lookup returns now. */
  current: boolean;
  /** From the live lookup only: the server has not recorded it (yet). */
  unrecorded: boolean;
}

/** The four phases in time order, each with the statuses observed in it and their real times. */
export function TransferTimeline({ status, observations, timeZone }: TransferTimelineProps) {
  const described = describeTransferStatus(status);
  const pointedAt = currentStep(described);
  const entries = timelineEntries(status, observations ?? []);
  const byPhase = new Map<string, TimelineEntry[]>();
  for (const entry of entries) {
    const phase = describeTransferStatus(entry).phase;
    byPhase.set(phase, [...(byPhase.get(phase) ?? []), entry]);
  }
  const others = [...(byPhase.get('other') ?? []), ...(byPhase.get('unknown') ?? [])];

  return (
    <div className="space-y-4">
      {(described.phase === 'other' || described.phase === 'unknown') && (
        <p className="text-sm text-fg">
          {described.phase === 'unknown'
            ? 'The current status is not documented, so it cannot be placed in a phase'
            : 'The current status is not part of a transfer to Hostway'}
          ; the phases below show only what was observed before it.
        </p>
      )}
      <ol aria-label="Transfer phases" className="space-y-0">
        {described.steps.map((step, index) => {
          const style = STATE_STYLES[step.state];
          const stepEntries = byPhase.get(step.phase) ?? [];
          const last = index === described.steps.length - 1;
          return (
            <li
              key={step.phase}
              aria-current={pointedAt === step.phase ? 'step' : undefined}
              data-phase={step.phase}
              data-state={step.state}
              className="relative flex gap-3 pb-5 last:pb-0"
            >
              {!last && (
                <span
                  aria-hidden="true"
                  className="absolute top-8 bottom-0 left-3.5 w-px -translate-x-1/2 bg-line-strong"
                />
              )}
              <span
                aria-hidden="true"
                className={`relative flex size-7 shrink-0 items-center justify-center rounded-full border-2 text-sm font-bold ${style.marker}`}
              >
                {style.icon}
              </span>
              <div className="min-w-0 flex-1 pt-0.5">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">{step.label}</span>
                  <Badge tone={style.tone} size="sm">
                    {style.text}
                  </Badge>
                </p>
                {stepEntries.length > 0 && (
                  <EntryList entries={stepEntries} timeZone={timeZone} label={step.label} />
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {others.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Statuses outside these phases</h3>
          <EntryList entries={others} timeZone={timeZone} label="outside the phases" />
        </div>
      )}
    </div>
  );
}

function EntryList({
  entries,
  timeZone,
  label,
}: {
  entries: TimelineEntry[];
  timeZone: TimeZoneChoice;
  label: string;
}) {
  return (
    <ul aria-label={`Statuses seen: ${label}`} className="mt-2 space-y-2 text-sm">
      {entries.map((entry) => {
        const d = describeTransferStatus(entry);
        return (
          <li key={entry.key} className="rounded border border-line bg-canvas px-3 py-2">
            <p>
              <span className="font-medium">
                {d.names.length > 0 ? d.names.join(' / ') : 'Undocumented'} ({d.code})
              </span>
              {' · '}
              {d.label}
              {entry.current && <span className="ml-2 font-semibold"> (current status)</span>}
            </p>
            {d.outcome === 'unknown' && entry.description && (
              <p className="mt-0.5 text-fg">{entry.description}</p>
            )}
            <p className="mt-0.5 text-fg-muted">
              {entry.statusChangeDate ? (
                <>
                  Status changed <Time iso={entry.statusChangeDate} timeZone={timeZone} />
                </>
              ) : (
                'No status change date'
              )}
              {' · '}
              {entry.firstSeenAt ? (
                <>
                  first seen <Time iso={entry.firstSeenAt} timeZone={timeZone} />
                </>
              ) : (
                'not yet recorded by the console'
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function Time({ iso, timeZone }: { iso: string; timeZone: TimeZoneChoice }) {
  return (
    <time dateTime={iso} title={iso}>
      {formatAbsolute(iso, timeZone)}
    </time>
  );
}

function sameStatus(a: TimelineStatus, b: TimelineStatus): boolean {
  return (
    a.status === b.status &&
    (a.description ?? '') === (b.description ?? '') &&
    (a.statusChangeDate ?? '') === (b.statusChangeDate ?? '')
  );
}

/**
 * Observations in time order (status change date, else first seen), plus the current status
 * when the server has not recorded it yet. Codes are never compared: their order is not time.
 */
export function timelineEntries(
  current: TimelineStatus,
  observations: readonly TransferObservation[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = observations.map((o, i) => ({
    key: `${i}:${o.status}:${o.firstSeenAt}`,
    status: o.status,
    description: o.description,
    statusChangeDate: o.statusChangeDate,
    firstSeenAt: o.firstSeenAt,
    current: sameStatus(o, current),
    unrecorded: false,
  }));
  if (!entries.some((e) => e.current)) {
    entries.push({
      key: 'current',
      status: current.status,
      description: current.description,
      statusChangeDate: current.statusChangeDate,
      current: true,
      unrecorded: true,
    });
  }
  // A stable sort: entries without a usable time stay after the ones before them.
  return entries
    .map((entry, index) => ({ entry, index, at: entryTime(entry) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ entry }) => entry);
}

function entryTime(entry: TimelineEntry): number {
  for (const iso of [entry.statusChangeDate, entry.firstSeenAt]) {
    const ms = iso ? Date.parse(iso) : NaN;
    if (!Number.isNaN(ms)) return ms;
  }
  return entry.unrecorded ? Number.POSITIVE_INFINITY : Number.MAX_VALUE;
}

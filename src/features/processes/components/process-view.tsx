import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Process } from '../../../api/rtr-schemas.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { CopyLinkButton } from '../../../components/copy-link-button.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { Section } from '../../../components/section.tsx';
import { TimeZoneToggle } from '../../../components/time-zone-toggle.tsx';
import { useRememberedAccountNumber } from '../../../lib/remembered-account.ts';
import { useTimeZone } from '../../../lib/use-time-zone.ts';
import { describeResumeTypes, resumeTypesSection } from '../lib/resume-types.ts';
import {
  domainOf,
  findDeviations,
  splitUser,
  summariseProcessError,
} from '../lib/process-facts.ts';
import { describeStatus, isLiveStatus } from '../lib/status.ts';
import { LiveStatus } from './live-status.tsx';
import { ProcessTimes } from './process-times.tsx';
import { StatusBadge } from './status-badge.tsx';

// Below the status: loaded while the status is already on screen.
const JsonView = lazy(() =>
  import('../../../components/json-view.tsx').then((m) => ({ default: m.JsonView })),
);
const MoneyLedger = lazy(() =>
  import('./money-ledger.tsx').then((m) => ({ default: m.MoneyLedger })),
);
const BillablesTable = lazy(() =>
  import('./billables-table.tsx').then((m) => ({ default: m.BillablesTable })),
);

interface ProcessViewProps {
  process: Process;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
  /** A failed background refresh: the last good data stays on screen under it. */
  refreshError?: ReactNode;
}

export function ProcessView(props: ProcessViewProps) {
  const { process } = props;
  const [timeZone] = useTimeZone();
  const status = describeStatus(process.status);
  const live = isLiveStatus(process.status);
  const deviations = findDeviations(process);
  const resumeSection = resumeTypesSection(status.final);
  const sections = [
    ['times', 'Times'],
    ...(process.resumeTypes?.length ? [[resumeSection.id, resumeSection.nav]] : []),
    ...(process.error !== undefined ? [['error', 'Error']] : []),
    ['money', 'Money'],
    ...(process.billables?.length ? [['billables', 'Billables']] : []),
    ['command', 'Command'],
  ] as const;
  useScrollToHash();

  return (
    <article className="space-y-5" aria-labelledby="process-title">
      <ProcessHeader process={process} />

      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="flex flex-wrap items-center gap-3">
          <StatusBadge status={process.status} />
          <span className="text-slate-800">{status.explanation}</span>
        </p>
        {process.statusDetail && (
          <p className="mt-3 border-l-4 border-slate-400 pl-3 text-lg" data-testid="status-detail">
            {process.statusDetail}
          </p>
        )}
        <div className="mt-3">
          <LiveStatus
            status={process.status}
            live={live}
            updatedAt={props.updatedAt}
            fetching={props.fetching}
            paused={props.paused}
            onPausedChange={props.onPausedChange}
            onRefresh={props.onRefresh}
          />
        </div>
      </div>

      {props.refreshError && (
        <div>
          <p className="mb-2 text-sm font-medium text-red-900">
            The last refresh failed; the data below may be out of date.
          </p>
          {props.refreshError}
        </div>
      )}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Sections">
          <ul className="flex flex-wrap gap-3 text-sm">
            {sections.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`} className="text-blue-800 underline underline-offset-2">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <TimeZoneToggle />
          <CopyLinkButton />
        </div>
      </div>

      {deviations.length > 0 && (
        <aside
          aria-label="Differences from the documentation"
          className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        >
          <p className="font-medium">This answer differs from the API documentation:</p>
          <ul className="mt-1 list-disc pl-5">
            {deviations.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </aside>
      )}

      <Section id="times" title="Times">
        <ProcessTimes process={process} live={live} timeZone={timeZone} />
      </Section>

      {process.resumeTypes && process.resumeTypes.length > 0 && (
        <Section id={resumeSection.id} title={resumeSection.title}>
          {status.final && (
            <p className="mb-2 text-sm">
              The process has ended and waits for nothing. The API still lists these:
            </p>
          )}
          <ul className="space-y-2 text-sm">
            {describeResumeTypes(process.resumeTypes, status.final).map((r) => (
              <li key={r.type}>
                <span className="font-medium">{r.label}</span>{' '}
                <code className="font-mono text-xs text-slate-600">{r.type}</code>: {r.explanation}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {process.error !== undefined && (
        <Section id="error" title="Error">
          <ProcessError error={process.error} processId={process.id} />
        </Section>
      )}

      <Section id="money" title="Money">
        <Suspense fallback={<PageLoading label="Loading money…" />}>
          <MoneyLedger process={process} />
        </Suspense>
      </Section>

      {process.billables && process.billables.length > 0 && (
        <Section id="billables" title={`Billables (${process.billables.length})`}>
          <Suspense fallback={<PageLoading label="Loading billables…" />}>
            <BillablesTable billables={process.billables} />
          </Suspense>
        </Section>
      )}

      <Section id="command" title="Command">
        {process.command ? (
          <Suspense fallback={<PageLoading label="Loading command…" />}>
            <JsonView
              value={process.command}
              label="Command"
              fileName={`process-${process.id}-command.json`}
            />
          </Suspense>
        ) : (
          <p className="text-sm">The answer has no command.</p>
        )}
      </Section>
    </article>
  );
}

function ProcessHeader({ process }: { process: Process }) {
  const { customerHandle, login } = splitUser(process.user);
  const domain = domainOf(process);
  const account = useRememberedAccountNumber();
  return (
    <header className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="process-title" className="text-2xl font-semibold">
          Process {process.id}
        </h1>
        <CopyButton text={String(process.id)} label="Copy process id">
          Copy id
        </CopyButton>
      </div>
      <p className="text-slate-800">
        {[process.type, process.action, process.identifier].filter(Boolean).join(' · ') ||
          'No type, action or identifier in the answer'}
      </p>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div>
          <dt className="inline font-medium text-slate-600">Customer handle: </dt>
          <dd className="inline">{customerHandle ?? '—'}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-slate-600">Login: </dt>
          <dd className="inline">{login ?? '—'}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-slate-600">Customer: </dt>
          <dd className="inline">{process.customer ?? '—'}</dd>
        </div>
      </dl>
      {domain && (
        <p className="text-sm">
          <Link
            className="text-blue-800 underline"
            to={account ? `/transfers/${account}/${domain}` : `/?domain=${domain}`}
          >
            Transfer status of {domain}
          </Link>
        </p>
      )}
    </header>
  );
}

function ProcessError({ error, processId }: { error: unknown; processId: number }) {
  const { type, message } = summariseProcessError(error);
  return (
    <div className="space-y-3">
      {(type || message) && (
        <p className="rounded border border-red-300 bg-red-50 p-3 text-red-950">
          {type && <code className="mr-2 font-mono font-semibold">{type}</code>}
          {message}
        </p>
      )}
      <Suspense fallback={<PageLoading label="Loading error details…" />}>
        <JsonView value={error} label="Error" fileName={`process-${processId}-error.json`} />
      </Suspense>
    </div>
  );
}

/** Content arrives after navigation, so the browser's own jump to `#section` misses it. */
function useScrollToHash() {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView({ block: 'start' });
  }, [hash]);
}

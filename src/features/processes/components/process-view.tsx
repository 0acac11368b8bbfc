import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import type { Process } from '../../../api/rtr-schemas.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { CopyLinkButton } from '../../../components/copy-link-button.tsx';
import type { ErrorContext } from '../../../components/describe-error.ts';
import { LazySection } from '../../../components/lazy-section.tsx';
import { lazyRetry } from '../../../components/lazy-retry.tsx';
import { RefreshFailedBanner } from '../../../components/refresh-failed-banner.tsx';
import { Section } from '../../../components/section.tsx';
import { TimeZoneToggle } from '../../../components/time-zone-toggle.tsx';
import { useRememberedAccountNumber } from '../../../lib/remembered-account.ts';
import { useStatusChange, type LiveRefresh } from '../../../lib/use-live-refresh.ts';
import { useTimeZone } from '../../../lib/use-time-zone.ts';
import { describeResumeTypes, resumeTypesSection } from '../lib/resume-types.ts';
import {
  domainOf,
  findDeviations,
  splitUser,
  summariseProcessError,
} from '../lib/process-facts.ts';
import { describeStatus, isLiveStatus } from '../lib/status.ts';
import { ProcessLiveStatus, processStatusChange } from './live-status.tsx';
import { ProcessTimes } from './process-times.tsx';
import { StatusBadge } from './status-badge.tsx';
import { Alert } from '../../../components/ui/alert.tsx';

// Below the status: loaded while the status is already on screen.
// Each in a LazySection: if its code cannot be fetched, the section says so, not the page.
const JsonView = lazyRetry(() =>
  import('../../../components/json-view.tsx').then((m) => m.JsonView),
);
const MoneyLedger = lazyRetry(() => import('./money-ledger.tsx').then((m) => m.MoneyLedger));
const BillablesTable = lazyRetry(() =>
  import('./billables-table.tsx').then((m) => m.BillablesTable),
);

interface ProcessViewProps {
  process: Process;
  /** Live refresh state; a failed refresh keeps this data on screen, marked out of date. */
  refresh: LiveRefresh;
  errorContext: ErrorContext;
}

export function ProcessView({ process, refresh, errorContext }: ProcessViewProps) {
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
  const change = useStatusChange(process.status, processStatusChange);

  return (
    <article className="space-y-5" aria-labelledby="process-title">
      <ProcessHeader process={process} />

      <div className="rounded-lg border border-line bg-surface p-4">
        <p className="flex flex-wrap items-center gap-3">
          {/* Keyed by the change count: each change replays the highlight. */}
          <span
            key={change.count}
            className={change.count > 0 ? 'animate-highlight rounded-full' : undefined}
          >
            <StatusBadge status={process.status} />
          </span>
          <span className="text-fg">{status.explanation}</span>
        </p>
        {process.statusDetail && (
          <p className="mt-3 border-l-4 border-line-input pl-3 text-lg" data-testid="status-detail">
            {process.statusDetail}
          </p>
        )}
        <div className="mt-3">
          <ProcessLiveStatus
            status={process.status}
            refresh={refresh}
            announcement={change.announcement}
          />
        </div>
      </div>

      <RefreshFailedBanner refresh={refresh} what="the data below" context={errorContext} />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Sections">
          <ul className="flex flex-wrap gap-3 text-sm">
            {sections.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`} className="text-link underline underline-offset-2">
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
        <Alert as="aside" tone="warning" aria-label="Differences from the documentation">
          <p className="font-medium">This answer differs from the API documentation:</p>
          <ul className="mt-1 list-disc pl-5">
            {deviations.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </Alert>
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
                <code className="font-mono text-xs text-fg-muted">{r.type}</code>: {r.explanation}
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
        <LazySection label="Loading money…">
          <MoneyLedger process={process} />
        </LazySection>
      </Section>

      {process.billables && process.billables.length > 0 && (
        <Section id="billables" title={`Billables (${process.billables.length})`}>
          <LazySection label="Loading billables…">
            <BillablesTable billables={process.billables} />
          </LazySection>
        </Section>
      )}

      <Section id="command" title="Command">
        {process.command ? (
          <LazySection label="Loading command…">
            <JsonView
              value={process.command}
              label="Command"
              fileName={`process-${process.id}-command.json`}
            />
          </LazySection>
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
        <CopyButton text={String(process.id)} label={`Copy id of process ${process.id}`}>
          Copy id
        </CopyButton>
      </div>
      <p className="text-fg">
        {[process.type, process.action, process.identifier].filter(Boolean).join(' · ') ||
          'No type, action or identifier in the answer'}
      </p>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div>
          <dt className="inline font-medium text-fg-muted">Customer handle: </dt>
          <dd className="inline">{customerHandle ?? '—'}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-fg-muted">Login: </dt>
          <dd className="inline">{login ?? '—'}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-fg-muted">Customer: </dt>
          <dd className="inline">{process.customer ?? '—'}</dd>
        </div>
      </dl>
      {domain && (
        <p className="flex flex-wrap gap-x-4 text-sm">
          <Link className="text-link underline" to={`/domains/${domain}`}>
            Everything about {domain}
          </Link>
          <Link
            className="text-link underline"
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
        <Alert as="p" tone="danger" className="text-base">
          {type && <code className="mr-2 font-mono font-semibold">{type}</code>}
          {message}
        </Alert>
      )}
      <LazySection label="Loading error details…">
        <JsonView value={error} label="Error" fileName={`process-${processId}-error.json`} />
      </LazySection>
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

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PROCESS_STATUSES } from '../../../contract/process-status.ts';
import type { ProcessListFilter } from '../../../contract/process-list-query.ts';
import { Button } from '../../../components/ui/button.tsx';
import { inputClass } from '../../../components/ui/input.ts';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { describeStatus } from '../lib/status.ts';
import type { ProcessListQuery } from '../../../contract/process-list-query.ts';
import { resolveZone } from '../../../lib/zoned-day.ts';
import {
  formFromQuery,
  QUICK_FILTERS,
  queryFromForm,
  quickFilterQuery,
  type DateBound,
  type DateRange,
  type ListForm,
} from '../lib/list-form.ts';

/** Typing waits this long before the URL (and the list) follows. */
const TYPING_DELAY_MS = 400;

const field = `${inputClass} w-full px-2 py-1 text-sm`;
const fieldset = 'rounded-lg border border-line p-3';
const legend = 'px-1 text-sm font-medium';

/**
 * The filters, as a draft of the URL: a change replaces the URL (typing after a short pause), a
 * submit adds a history entry. The page remounts it (new key) when the URL changes otherwise.
 * Loaded in its own chunk, with the zone arithmetic it needs.
 */
export function ProcessListFilters({
  query,
  timeZone,
  onApply,
  onQuickFilter,
  clearHref,
}: {
  /** A quick filter was picked: its query, to open (a new history entry). */
  onQuickFilter: (query: ProcessListQuery) => void;
  /** The list's query (from the URL) the form starts from. */
  query: ProcessListQuery;
  timeZone: TimeZoneChoice;
  /** Returns why the form's filter cannot be used, if it cannot (nothing is applied then). */
  onApply: (query: ProcessListQuery, how: { push: boolean }) => string | undefined;
  clearHref: string;
}) {
  // The date fields are days in this zone.
  const zone = resolveZone(timeZone);
  const [form, setForm] = useState(() => formFromQuery(query, zone));
  const [problem, setProblem] = useState<string>();
  const apply = (next: ListForm, how: { push: boolean }) =>
    setProblem(onApply(queryFromForm(next, zone, query), how));
  const timer = useRef<number | undefined>(undefined);
  const id = useId();
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const change = (next: ListForm, { typing = false } = {}) => {
    setForm(next);
    window.clearTimeout(timer.current);
    if (typing)
      timer.current = window.setTimeout(() => apply(next, { push: false }), TYPING_DELAY_MS);
    else apply(next, { push: false });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    window.clearTimeout(timer.current);
    apply(form, { push: true });
  };
  const text = (key: 'type' | 'action' | 'identifier' | 'q', label: string, hint?: string) => (
    <div>
      <label htmlFor={`${id}-${key}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        className={field}
        value={form[key]}
        aria-describedby={hint ? `${id}-${key}-hint` : undefined}
        onChange={(e) => change({ ...form, [key]: e.target.value }, { typing: true })}
      />
      {hint && (
        <p id={`${id}-${key}-hint`} className="mt-1 text-xs text-fg-muted">
          {hint}
        </p>
      )}
    </div>
  );
  const toggleStatus = (status: string, on: boolean) =>
    change({
      ...form,
      statuses: on
        ? PROCESS_STATUSES.filter((s) => s === status || form.statuses.includes(s))
        : form.statuses.filter((s) => s !== status),
    });

  return (
    <>
      <nav aria-label="Quick filters" className="flex flex-wrap gap-2">
        {QUICK_FILTERS.map(({ id, label }) => (
          <Button
            key={id}
            size="sm"
            onClick={() => onQuickFilter(quickFilterQuery(id, query, new Date()))}
          >
            {label}
          </Button>
        ))}
      </nav>
      <form onSubmit={submit} aria-label="Filter processes" className="space-y-3">
        <fieldset className={fieldset}>
          <legend className={legend}>Status</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {PROCESS_STATUSES.map((status) => (
              <label key={status} className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={form.statuses.includes(status)}
                  onChange={(e) => toggleStatus(status, e.target.checked)}
                />
                {describeStatus(status).label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-3 md:grid-cols-4">
          {text('type', 'Type', 'e.g. domain, contact')}
          {text('action', 'Action', 'e.g. create, renew, transfer')}
          <div className="md:col-span-2">
            {text('identifier', 'Identifier', 'A domain name, contact handle …')}
            <fieldset className="mt-1 flex gap-4 text-sm">
              <legend className="sr-only">Identifier match</legend>
              {(['contains', 'exact'] as const).map((match) => (
                <label key={match} className="inline-flex items-center gap-1.5">
                  <input
                    type="radio"
                    name={`${id}-match`}
                    checked={form.identifierMatch === match}
                    onChange={() => change({ ...form, identifierMatch: match })}
                  />
                  {match === 'contains' ? 'Contains' : 'Exactly'}
                </label>
              ))}
            </fieldset>
          </div>
        </div>
        <div className="grid gap-3 md:grid-cols-2">
          <DateRangeFields
            label="Created"
            range={form.created}
            zone={zone}
            timeZone={timeZone}
            onChange={(created) => change({ ...form, created })}
          />
          <DateRangeFields
            label="Updated"
            range={form.updated}
            zone={zone}
            timeZone={timeZone}
            onChange={(updated) => change({ ...form, updated })}
          />
        </div>
        {text('q', 'Free text', 'Searches every field of a process.')}
        {form.other.length > 0 && (
          <OtherFilters
            filters={form.other}
            onRemove={(i) => change({ ...form, other: form.other.filter((_, j) => j !== i) })}
          />
        )}
        <p role="status" className="text-sm text-danger-fg empty:hidden">
          {problem && `Not applied: ${problem}`}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary">
            Apply filters
          </Button>
          <Link to={clearHref} className="text-sm text-link underline">
            Clear filters
          </Link>
        </div>
      </form>
    </>
  );
}

function DateRangeFields({
  label,
  range,
  zone,
  timeZone,
  onChange,
}: {
  label: string;
  range: DateRange;
  zone: string;
  timeZone: TimeZoneChoice;
  onChange: (range: DateRange) => void;
}) {
  const id = useId();
  const bound = (end: 'from' | 'to', text: string) => {
    const value: DateBound = range[end];
    return (
      <div>
        <label htmlFor={`${id}-${end}`} className="block text-sm">
          {text}
        </label>
        <input
          id={`${id}-${end}`}
          type="date"
          className={field}
          value={value.date}
          aria-describedby={`${id}-zone${value.exact ? ` ${id}-${end}-exact` : ''}`}
          onChange={(e) => onChange({ ...range, [end]: { date: e.target.value } })}
        />
        {value.exact && (
          <p id={`${id}-${end}-exact`} className="mt-1 text-xs text-fg-muted">
            From the link: {exactText(value.exact, timeZone)}. Pick a date to replace it.
          </p>
        )}
      </div>
    );
  };
  return (
    <fieldset className={fieldset}>
      <legend className={legend}>{label}</legend>
      <div className="grid grid-cols-2 gap-2">
        {bound('from', 'From (that day on)')}
        {bound('to', 'To (up to and including)')}
      </div>
      <p id={`${id}-zone`} className="mt-1 text-xs text-fg-muted">
        Days start at midnight in {zone}, the time zone chosen above.
      </p>
    </fieldset>
  );
}

function exactText(value: string, timeZone: TimeZoneChoice): string {
  // A bare date is the API's to read; an instant is shown in the chosen zone.
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value} (a date without a time, as the API reads it)`
    : formatAbsolute(value, timeZone);
}

function OtherFilters({
  filters,
  onRemove,
}: {
  filters: readonly ProcessListFilter[];
  onRemove: (index: number) => void;
}) {
  return (
    <fieldset className={fieldset}>
      <legend className={legend}>Other filters from the link</legend>
      <ul className="flex flex-wrap gap-2 text-sm">
        {filters.map((filter, i) => {
          const key = filter.op ? `${filter.field}:${filter.op}` : filter.field;
          const value = Array.isArray(filter.value)
            ? filter.value.join(',')
            : (filter.value ?? 'true');
          const text = `${key}=${value}`;
          return (
            <li
              key={text}
              className="inline-flex items-center gap-1 rounded border border-line px-2 py-0.5"
            >
              <code className="font-mono">{text}</code>
              <Button
                size="xs"
                variant="ghost"
                aria-label={`Remove ${text}`}
                onClick={() => onRemove(i)}
              >
                ×
              </Button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

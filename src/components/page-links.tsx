import { Link, useLocation } from 'react-router';
import { buttonClass } from './ui/button.tsx';

/**
 * "Previous · 26–50 of 312 · Next" under a paged table: links to the same page with another
 * `?page=` (the first page has none), every other parameter kept; an end it cannot go past is a
 * disabled look-alike, so the row never moves.
 */
export function PageLinks({
  label,
  first,
  last,
  total,
  page,
  pageSize,
  previous = 'Previous',
  next = 'Next',
}: {
  /** The navigation's accessible name: "Pages of the audit trail". */
  label: string;
  /** Rows shown, 1-based; `last < first` when the page is empty. */
  first: number;
  last: number;
  total: number;
  page: number;
  pageSize: number;
  previous?: string;
  next?: string;
}) {
  const { pathname, search } = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (n: number, text: string, enabled: boolean) => {
    if (!enabled) {
      return (
        <span aria-disabled="true" className={buttonClass({ size: 'sm', className: 'opacity-60' })}>
          {text}
        </span>
      );
    }
    const params = new URLSearchParams(search);
    if (n === 1) params.delete('page');
    else params.set('page', String(n));
    const query = params.toString();
    return (
      <Link
        to={{ pathname, search: query ? `?${query}` : '' }}
        className={buttonClass({ size: 'sm' })}
      >
        {text}
      </Link>
    );
  };
  return (
    <nav aria-label={label} className="flex items-center gap-3 text-sm">
      {link(page - 1, previous, page > 1)}
      <span>{last >= first ? `${first}–${last} of ${total}` : `Page ${page} of ${pages}`}</span>
      {link(page + 1, next, page < pages)}
    </nav>
  );
}

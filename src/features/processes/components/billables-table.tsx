import { observeElementRect, useVirtualizer, type Rect } from '@tanstack/react-virtual';
import { useMemo, useState, type ReactNode } from 'react';
import type { Billable } from '../../../api/rtr-schemas.ts';
import {
  isKnownBillableAction,
  summariseBillables,
  type BillablesSummary,
} from '../lib/billables.ts';

/** Up to this many rows the table is rendered whole: simpler, and findable with Ctrl+F. */
export const VIRTUALISE_ABOVE = 50;

/** Every row is one line (`whitespace-nowrap`, `h-9`), so a fixed size needs no measuring. */
const ROW_HEIGHT_PX = 36;
/** The header row is the same height; the body starts below it inside the scroll container. */
const HEADER_HEIGHT_PX = ROW_HEIGHT_PX;
/** `max-h-[28rem]` at the default 16 px root size. */
const VIEWPORT_HEIGHT_PX = 448;
const OVERSCAN_ROWS = 10;

interface Column {
  key: string;
  header: string;
  numeric: boolean;
  cell: (billable: Billable) => ReactNode;
  footer: ReactNode;
}

export function BillablesTable({
  billables,
  locale,
}: {
  billables: readonly Billable[];
  /** For number grouping; the browser's locale when absent. */
  locale?: string;
}) {
  const summary = useMemo(() => summariseBillables(billables), [billables]);
  const columns = useMemo(() => buildColumns(summary, locale), [summary, locale]);
  // State rather than a ref: the body's layout effects run before the parent's ref is attached,
  // so the virtualizer would never find its scroll element; setting state re-renders once it
  // exists.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const virtual = billables.length > VIRTUALISE_ABOVE;
  const count = new Intl.NumberFormat(locale);

  if (billables.length === 0) return <p className="text-fg-muted">No billables.</p>;

  return (
    <div className="space-y-2">
      <BillablesSummaryLine summary={summary} locale={locale} />
      <div
        ref={setScrollElement}
        role="region"
        aria-label={`Billables, ${count.format(billables.length)} ${billables.length === 1 ? 'row' : 'rows'}`}
        // Focusable so keyboard users can scroll it with the arrow and page keys.
        tabIndex={0}
        className={`overflow-auto rounded-md border border-line-strong ${virtual ? 'max-h-[28rem]' : ''}`}
      >
        <table
          className="w-full border-separate border-spacing-0 text-sm"
          // Header, every billable and the totals row, so assistive technology reports the
          // real size even though only a window of rows is in the DOM.
          aria-rowcount={billables.length + 2}
        >
          <caption className="sr-only">Billables</caption>
          <thead className="sticky top-0 z-10 bg-surface-muted">
            <tr aria-rowindex={1} className="h-9">
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={`border-b border-line-strong px-3 py-0 font-semibold whitespace-nowrap ${column.numeric ? 'text-right' : 'text-left'}`}
                >
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          {virtual ? (
            <VirtualBody billables={billables} columns={columns} scrollElement={scrollElement} />
          ) : (
            <tbody>
              {billables.map((billable, index) => (
                <BillableRow key={index} billable={billable} index={index} columns={columns} />
              ))}
            </tbody>
          )}
          <tfoot className="sticky bottom-0 z-10 bg-surface-muted font-semibold">
            <tr aria-rowindex={billables.length + 2} className="h-9">
              {columns.map((column, index) =>
                index === 0 ? (
                  <th
                    key={column.key}
                    scope="row"
                    className="border-t border-line-strong px-3 py-0 text-left whitespace-nowrap"
                  >
                    {column.footer}
                  </th>
                ) : (
                  <td
                    key={column.key}
                    className={`border-t border-line-strong px-3 py-0 whitespace-nowrap ${column.numeric ? 'text-right tabular-nums' : ''}`}
                  >
                    {column.footer}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

/**
 * Renders only the rows near the viewport, with spacer rows standing in for the rest so the
 * scrollbar keeps its true length.
 *
 * jsdom (and a container hidden with `display: none`) reports a height of 0, which would show
 * almost nothing. A zero measurement is therefore replaced with the nominal viewport height,
 * the same as `initialRect` used before the first measurement: tests see the first ~22 rows
 * without any special option, and a hidden table is ready when it is revealed.
 */
function VirtualBody({
  billables,
  columns,
  scrollElement,
}: {
  billables: readonly Billable[];
  columns: Column[];
  scrollElement: HTMLDivElement | null;
}) {
  // Not compiled by React Compiler, so the virtualizer's non-memoisable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: billables.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: OVERSCAN_ROWS,
    scrollMargin: HEADER_HEIGHT_PX,
    initialRect: { width: 0, height: VIEWPORT_HEIGHT_PX },
    observeElementRect: (instance, onRect) =>
      observeElementRect(instance, (rect: Rect) =>
        onRect(rect.height > 0 ? rect : { width: rect.width, height: VIEWPORT_HEIGHT_PX }),
      ),
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const paddingTop = first ? first.start - HEADER_HEIGHT_PX : 0;
  const paddingBottom = last ? virtualizer.getTotalSize() - (last.end - HEADER_HEIGHT_PX) : 0;

  return (
    <tbody>
      {paddingTop > 0 && <SpacerRow height={paddingTop} columns={columns.length} />}
      {items.map((item) => {
        const billable = billables[item.index];
        return billable === undefined ? null : (
          <BillableRow key={item.key} billable={billable} index={item.index} columns={columns} />
        );
      })}
      {paddingBottom > 0 && <SpacerRow height={paddingBottom} columns={columns.length} />}
    </tbody>
  );
}

function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

function BillableRow({
  billable,
  index,
  columns,
}: {
  billable: Billable;
  index: number;
  columns: Column[];
}) {
  return (
    <tr aria-rowindex={index + 2} className="h-9 odd:bg-surface even:bg-canvas">
      {columns.map((column) => (
        <td
          key={column.key}
          className={`border-b border-line px-3 py-0 whitespace-nowrap ${column.numeric ? 'text-right tabular-nums' : ''}`}
        >
          {column.cell(billable)}
        </td>
      ))}
    </tr>
  );
}

function buildColumns(summary: BillablesSummary, locale: string | undefined): Column[] {
  const number = new Intl.NumberFormat(locale);
  const columns: Column[] = [
    {
      key: 'product',
      header: 'Product',
      numeric: false,
      cell: (b) => b.product,
      footer: `Total (${number.format(summary.rowCount)} ${summary.rowCount === 1 ? 'row' : 'rows'})`,
    },
    {
      key: 'action',
      header: 'Action',
      numeric: false,
      cell: (b) => <ActionCell action={b.action} />,
      footer: null,
    },
    {
      key: 'provider',
      header: 'Provider',
      numeric: false,
      cell: (b) => b.providerName ?? <Missing />,
      footer: null,
    },
    {
      key: 'quantity',
      header: 'Quantity',
      numeric: true,
      cell: (b) => number.format(b.quantity),
      footer: number.format(summary.totalQuantity),
    },
    {
      key: 'amount',
      header: 'Amount',
      numeric: true,
      cell: (b) => number.format(b.amount),
      footer: number.format(summary.totalAmount),
    },
  ];
  if (summary.hasTotal) {
    columns.push({
      key: 'total',
      header: 'Total',
      numeric: true,
      cell: (b) => (b.total === undefined ? <Missing /> : number.format(b.total)),
      footer: summary.totalTotal === undefined ? null : number.format(summary.totalTotal),
    });
  }
  if (summary.hasRefundable) {
    columns.push({
      key: 'refundable',
      header: 'Refundable',
      numeric: false,
      cell: (b) => (b.refundable === undefined ? <Missing /> : b.refundable ? 'Yes' : 'No'),
      footer: `${number.format(summary.refundableCount ?? 0)} refundable`,
    });
  }
  return columns;
}

function ActionCell({ action }: { action: string }) {
  if (isKnownBillableAction(action)) return action;
  return (
    <>
      {action}{' '}
      <span
        className="rounded bg-warning-muted px-1 text-xs font-medium text-warning-fg"
        title="This action is not in the API documentation; it is shown as the API sent it."
      >
        undocumented
      </span>
    </>
  );
}

function Missing() {
  return (
    <>
      <span aria-hidden="true" className="text-fg-subtle">
        —
      </span>
      <span className="sr-only">none</span>
    </>
  );
}

function BillablesSummaryLine({
  summary,
  locale,
}: {
  summary: BillablesSummary;
  locale: string | undefined;
}) {
  const number = new Intl.NumberFormat(locale);
  return (
    <div className="space-y-1 text-sm text-fg-muted">
      <p>
        {summary.actions
          .map(({ action, count }) => `${number.format(count)} × ${action}`)
          .join(', ')}
        . Amounts are shown as the API sent them: billables carry no currency.
      </p>
      {summary.unknownActions.length > 0 && (
        <p>
          Not in the API documentation: {summary.unknownActions.join(', ')}. They are shown as sent.
        </p>
      )}
    </div>
  );
}

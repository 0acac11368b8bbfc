import { BILLABLE_ACTIONS, type Billable } from '../../../api/rtr-schemas.ts';

export interface BillableActionCount {
  action: string;
  count: number;
  /** Whether the action is in the API documentation or an official SDK. */
  known: boolean;
}

export interface BillablesSummary {
  rowCount: number;
  totalQuantity: number;
  /** Sum of `amount`. The API gives billables no currency, so this is a bare number. */
  totalAmount: number;
  /** Sum of `total` over the rows that have one; undefined when none has. */
  totalTotal: number | undefined;
  /** Rows marked refundable; undefined when no row says either way. */
  refundableCount: number | undefined;
  hasTotal: boolean;
  hasRefundable: boolean;
  /** Most frequent first, then by name. */
  actions: BillableActionCount[];
  /** Undocumented actions, sorted, each once. */
  unknownActions: string[];
}

export function isKnownBillableAction(action: string): boolean {
  return (BILLABLE_ACTIONS as readonly string[]).includes(action);
}

export function summariseBillables(billables: readonly Billable[]): BillablesSummary {
  let totalQuantity = 0;
  let totalAmount = 0;
  let totalTotal: number | undefined;
  let refundableCount: number | undefined;
  const counts = new Map<string, number>();

  for (const billable of billables) {
    totalQuantity += billable.quantity;
    totalAmount += billable.amount;
    if (billable.total !== undefined) totalTotal = (totalTotal ?? 0) + billable.total;
    if (billable.refundable !== undefined) {
      refundableCount = (refundableCount ?? 0) + (billable.refundable ? 1 : 0);
    }
    counts.set(billable.action, (counts.get(billable.action) ?? 0) + 1);
  }

  const actions = [...counts]
    .map(([action, count]) => ({ action, count, known: isKnownBillableAction(action) }))
    .sort((a, b) => b.count - a.count || compareCodePoints(a.action, b.action));

  return {
    rowCount: billables.length,
    totalQuantity,
    totalAmount,
    totalTotal,
    refundableCount,
    hasTotal: totalTotal !== undefined,
    hasRefundable: refundableCount !== undefined,
    actions,
    unknownActions: actions
      .filter((a) => !a.known)
      .map((a) => a.action)
      .sort(compareCodePoints),
  };
}

// Locale-independent so the order is the same for every user and in tests.
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

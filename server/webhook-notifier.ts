import { createHmac, randomUUID } from 'node:crypto';
import {
  TRANSFER_STATUS_CHANGED,
  type TransferStatusChanged,
} from '../src/contract/notifications.ts';
import { transferStatusName, transferStatusPhase } from '../src/contract/transfer-phase.ts';
import type { ConsoleKysely } from './database.ts';
import type { ObservedChange } from './transfer-history.ts';
import type { WebhookOutbox } from './webhook-outbox.ts';

/**
 * What a new observation becomes for the webhooks: one `transfer.status_changed` event, written
 * to the outbox once per NOTIFY_WEBHOOK_URLS address in the observation's own transaction.
 */

export interface NotifierOptions {
  /** NOTIFY_WEBHOOK_URLS. */
  urls: readonly string[];
  /**
   * PUBLIC_URL, else the console's own URL (known once it listens): where `url` points. No
   * trailing slash.
   */
  consoleUrl: () => string;
  outbox: Pick<WebhookOutbox, 'add'>;
  /** For tests. Default: a random UUID. */
  newId?: () => string;
}

/** The hook for historyStore: `onNewObservation`. */
export function webhookNotifier(
  options: NotifierOptions,
): (change: ObservedChange, trx: ConsoleKysely) => Promise<void> {
  const { urls, consoleUrl, outbox, newId = randomUUID } = options;
  return async (change, trx) => {
    if (urls.length === 0) return;
    const event = transferStatusChangedEvent(change, { id: newId(), consoleUrl: consoleUrl() });
    const body = JSON.stringify(event);
    await outbox.add(
      trx,
      urls.map((targetUrl) => ({
        eventId: event.id,
        targetUrl,
        body,
        accountNumber: change.accountNumber,
        domainName: change.domainName,
        createdAt: change.observedAt,
      })),
    );
  };
}

/** The console's page of one transfer. */
export function transferPageUrl(consoleUrl: string, accountNumber: string, domainName: string) {
  return `${consoleUrl}/transfers/${encodeURIComponent(accountNumber)}/${encodeURIComponent(domainName)}`;
}

export function transferStatusChangedEvent(
  change: ObservedChange,
  { id, consoleUrl }: { id: string; consoleUrl: string },
): TransferStatusChanged {
  const { accountNumber, domainName, from, to } = change;
  const url = transferPageUrl(consoleUrl, accountNumber, domainName);
  const toName = transferStatusName(to);
  const fromName = from ? transferStatusName(from) : undefined;
  const phase = transferStatusPhase(to.status);
  const description = to.description.trim();
  const text = `Transfer of ${domainName} (account ${accountNumber}): ${fromName ? `${fromName} → ` : 'first seen as '}${toName} (${phase})${description ? `: ${description}` : ''}. ${url}`;
  return {
    event: TRANSFER_STATUS_CHANGED,
    id,
    occurredAt: to.statusChangeDate
      ? new Date(to.statusChangeDate).toISOString()
      : change.observedAt,
    accountNumber,
    domainName,
    from: from ? { code: from.status, name: fromName ?? '' } : null,
    to: { code: to.status, name: toName, description: to.description },
    phase,
    url,
    text: text.replace(/[\r\n]+/g, ' '),
  };
}

/** The X-Console-Signature value: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export function webhookSignature(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * An address as it may be shown (API answers, logs): its origin, and `/…` for any path or query,
 * which may hold a token (a Slack or Mattermost hook URL is a secret as a whole).
 */
export function redactedTarget(targetUrl: string): string {
  try {
    const url = new URL(targetUrl);
    return url.pathname === '/' && !url.search ? `${url.origin}/` : `${url.origin}/…`;
  } catch {
    return '[invalid URL]';
  }
}

/**
 * The parts of the addresses to redact wherever they appear (a log line quoting an error): the
 * whole URL and its path with its query, when long enough not to match ordinary text.
 */
export function webhookUrlSecrets(urls: readonly string[], minLength = 16): string[] {
  const out = new Set<string>();
  for (const value of urls) {
    const url = new URL(value);
    out.add(url.href);
    const rest = `${url.pathname}${url.search}`;
    if (rest.length >= minLength) out.add(rest);
  }
  return [...out];
}

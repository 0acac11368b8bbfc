import { formatDuration } from '../../lib/time.ts';
import { describeTransferStatus, whoisCode2Variant } from './lifecycle.ts';

/**
 * "What happens next" for a transfer status, in plain words. Pure (the clock is a parameter)
 * so every sentence is unit-tested.
 */

export interface DueDate {
  /** What is due, e.g. "Automatic approval". */
  label: string;
  at: Date;
  overdue: boolean;
  /** "in 3 days" or "overdue by 2 h". */
  relative: string;
  /** A usual value rather than a documented rule: the UI must say "typically". */
  typical: boolean;
}

export interface NextSteps {
  /** One line: where things stand. */
  heading: string;
  paragraphs: string[];
  likelyCauses?: string[];
  whatToDo?: string[];
  due?: DueDate;
}

export interface NextStepsInput {
  status: number;
  description?: string;
  emailAddress?: string | null;
  statusChangeDate?: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** ICANN transfer policy: the losing registrar has 5 days, then the transfer is approved. */
export const LOSING_REGISTRAR_WINDOW_MS = 5 * DAY_MS;

/**
 * How long an approval (FOA) mail usually stays valid. Hostway does not document it; 5 days is
 * common among registrars and matches what Hostway's own descriptions of code 4 say.
 */
export const TYPICAL_APPROVAL_EXPIRY_MS = 5 * DAY_MS;

const CAUSES = {
  authCode:
    'The EPP auth code (transfer code) was wrong or has expired: the losing registrar issues it, and it identifies the holder.',
  locked:
    'The domain is locked at the losing registrar (status clientTransferProhibited), which forbids transfers until the owner unlocks it.',
  sixtyDays:
    'The domain was registered, or last transferred, less than 60 days ago: registrars may refuse a transfer within that period.',
  registryStatus:
    'The registry itself forbids the transfer, e.g. serverTransferProhibited, or the domain is expired or pending deletion.',
};

const TODO = {
  newAuthCode: 'Ask the losing registrar for a fresh EPP auth code and check it has no typos.',
  unlock:
    'Ask the owner to remove the transfer lock (clientTransferProhibited) at the losing registrar.',
  checkDates:
    'Check the creation date and the date of the last transfer in WHOIS; wait until 60 days have passed if needed.',
  orderAgain: 'Then place the transfer order again: this one will not continue by itself.',
};

export function whatHappensNext(status: NextStepsInput, now: Date): NextSteps {
  const code = status.status;
  const described = describeTransferStatus(status);
  const changed = parseDate(status.statusChangeDate);

  switch (code) {
    case 1:
      return {
        heading: "Hostway is checking the owner's contact details in WHOIS.",
        paragraphs: [
          'Nothing is needed from you at this point. When the contact is found, an approval mail (FOA, form of authorisation) goes to the owner or administrative contact.',
          'If the WHOIS record hides the contact (privacy service, redacted WHOIS), the request may go to manual review.',
        ],
      };
    case 2:
      return code2(status.description);
    case 3:
      return {
        heading: "The owner's contact was found in WHOIS.",
        paragraphs: [
          'Next, an approval mail (FOA) is sent to that address and the owner must approve the transfer by clicking the link in it.',
        ],
      };
    case 7:
      return confirmPending(status.emailAddress, changed, now);
    case 6:
      return {
        heading: 'The owner approved the transfer.',
        paragraphs: [
          'Next, Hostway submits the transfer to the registry, and the losing registrar gets 5 days to answer.',
        ],
      };
    case 8:
      return {
        heading: 'The transfer is being submitted to the registry.',
        paragraphs: [
          'When the registry has accepted the request, the losing registrar gets 5 days to answer; without an answer the transfer is approved automatically.',
        ],
      };
    case 9:
      return registryPending(changed, now);
    case 10:
      return {
        heading: 'The registry completed the transfer.',
        paragraphs: [
          'The domain should become active here shortly (status 14, ACTIVE). Nothing is needed from you.',
        ],
      };
    case 14:
      return {
        heading: 'The transfer succeeded: the domain is active here.',
        paragraphs: ['There is nothing more to do for this transfer.'],
      };
    case 15:
      return {
        heading: 'The domain was transferred away to another registrar.',
        paragraphs: [
          'It is no longer managed here, so this transfer will not change any more.',
          'If the move was not intended, the owner should contact the new registrar at once; Hostway support can tell when the domain left.',
        ],
      };
    case 16:
      return {
        heading: 'There is no transfer for this domain on this account.',
        paragraphs: [
          'Hostway has no transfer in progress for it (TRANSFER_NONE). If you expected one, check the domain name and the account number, or place the transfer order.',
        ],
      };
    case 4:
      return {
        heading: 'The transfer stopped: the owner did not approve it in time.',
        paragraphs: [
          `The approval mail${status.emailAddress ? ` sent to ${status.emailAddress}` : ''} was not answered before it expired.`,
        ],
        likelyCauses: [
          'The mail went to an address the owner no longer reads, or that a WHOIS privacy service does not forward.',
          'The mail landed in a spam folder.',
          'The owner did not recognise the request and ignored it.',
        ],
        whatToDo: [
          'Make sure WHOIS shows an owner or administrative contact address that is read.',
          'Place the transfer order again and ask the owner to watch for the approval mail and click its link.',
        ],
      };
    case 5:
      return {
        heading: 'The transfer stopped: the owner declined it.',
        paragraphs: [
          `The owner answered the approval mail${status.emailAddress ? ` sent to ${status.emailAddress}` : ''} by declining the transfer.`,
        ],
        likelyCauses: [
          'The owner does not want the domain to move.',
          'The owner did not recognise the request, or someone else reads that mailbox.',
        ],
        whatToDo: [
          'Talk to the owner before anything else.',
          'If they do want the transfer, place the order again and ask them to approve the new mail.',
        ],
      };
    case 11:
      return {
        heading: 'The transfer stopped: the registry did not answer in time.',
        paragraphs: ['This is usually a temporary problem at the registry, not with the domain.'],
        likelyCauses: ['The registry was slow, overloaded or in maintenance.'],
        whatToDo: [
          'Retry later: place the transfer order again in a few hours.',
          'If it times out again, contact Hostway support.',
        ],
      };
    case 12:
      return {
        heading: 'The transfer stopped: the registry reported an error.',
        paragraphs: registryWords(status.description),
        likelyCauses: [CAUSES.authCode, CAUSES.locked, CAUSES.sixtyDays, CAUSES.registryStatus],
        whatToDo: [TODO.newAuthCode, TODO.unlock, TODO.checkDates, TODO.orderAgain],
      };
    case 13:
      return {
        heading: 'The transfer stopped: the registry rejected it.',
        paragraphs: registryWords(status.description),
        likelyCauses: [CAUSES.authCode, CAUSES.locked, CAUSES.sixtyDays, CAUSES.registryStatus],
        whatToDo: [TODO.newAuthCode, TODO.unlock, TODO.checkDates, TODO.orderAgain],
      };
    case 17:
      return {
        heading: 'The transfer stopped: the losing registrar refused it.',
        paragraphs: registryWords(status.description),
        likelyCauses: [
          CAUSES.sixtyDays,
          CAUSES.locked,
          'The losing registrar has an open issue with the domain, e.g. unpaid fees or a dispute, or the owner asked it to refuse.',
          CAUSES.authCode,
        ],
        whatToDo: [
          'The owner should contact the losing registrar and ask why it refused the transfer.',
          'Resolve what they name (unlock the domain, pay what is owed, wait out the 60 days).',
          TODO.orderAgain,
        ],
      };
    default:
      return {
        heading: `Hostway sent status ${code}, which its documentation does not describe.`,
        paragraphs: [
          described.description
            ? `Its description says: “${described.description}”.`
            : 'The answer has no description.',
          'The console cannot tell what happens next. Contact Hostway support and ask what this status means.',
        ],
      };
  }
}

function code2(description: string | undefined): NextSteps {
  const variant = whoisCode2Variant(description);
  if (variant === 'cancel') {
    return {
      heading: 'The transfer was cancelled: the WHOIS check failed.',
      paragraphs: [
        "Hostway could not find the owner's contact details in WHOIS, so it cancelled the request.",
      ],
      likelyCauses: [
        'A WHOIS privacy service or GDPR redaction hides the owner and administrative contact.',
        'The WHOIS record is incomplete or out of date.',
      ],
      whatToDo: [
        'Ask the owner to make a reachable contact address visible in WHOIS (or disable the privacy service for the transfer).',
        TODO.orderAgain,
        'Contact Hostway support if the contact is visible and it still fails.',
      ],
    };
  }
  if (variant === 'manual') {
    return {
      heading: 'The WHOIS check failed; Hostway staff are reviewing the request by hand.',
      paragraphs: [
        "The automatic lookup of the owner's contact did not succeed, so the request waits for a manual review. Nothing is needed from you unless Hostway asks.",
        'If it stays in review for long, contact Hostway support; a WHOIS record that shows a reachable contact address helps.',
      ],
    };
  }
  return {
    heading: 'The WHOIS check failed: the request is either in manual review or cancelled.',
    paragraphs: [
      'Status 2 means both WHOIS_MANUAL (manual review) and WHOIS_CANCEL (cancelled) in the Hostway documentation, and the description does not say which.',
      description ? `Its description says: “${description}”.` : 'The answer has no description.',
      'Contact Hostway support to find out whether the request is still being reviewed or must be placed again.',
    ],
  };
}

function confirmPending(
  emailAddress: string | null | undefined,
  changed: Date | undefined,
  now: Date,
): NextSteps {
  return {
    heading: "Waiting for the owner's approval.",
    paragraphs: [
      emailAddress
        ? `The approval mail (FOA, form of authorisation) went to ${emailAddress}.`
        : 'An approval mail (FOA, form of authorisation) went to the owner; the answer does not say to which address.',
      'The owner (the registrant or the administrative contact) must open it and click the approval link. Ask them to check their spam folder if it has not arrived.',
      changed
        ? 'Such mails typically expire after about 5 days if nobody answers (status 4, CONFIRM_TIMEOUT); Hostway does not document the exact period.'
        : 'Such mails typically expire after about 5 days if nobody answers (status 4, CONFIRM_TIMEOUT); Hostway does not document the exact period, and the answer has no status change date to count from.',
    ],
    due: changed
      ? dueDate('Approval mail expires', changed, TYPICAL_APPROVAL_EXPIRY_MS, now, true)
      : undefined,
  };
}

function registryPending(changed: Date | undefined, now: Date): NextSteps {
  const paragraphs = [
    'The registry has the transfer request. Under the ICANN transfer policy the losing registrar has 5 days to approve or refuse it; if it does not answer, the transfer is approved automatically.',
  ];
  if (!changed) {
    paragraphs.push(
      'The answer has no status change date, so the console cannot say when the 5 days end.',
    );
    return { heading: 'Pending at the registry: waiting for the losing registrar.', paragraphs };
  }
  const due = dueDate('Automatic approval', changed, LOSING_REGISTRAR_WINDOW_MS, now, false);
  paragraphs.push(
    due.overdue
      ? `The 5 days counted from the status change have passed (${due.relative}). The registry should approve it any moment; if the status does not change soon, contact Hostway support.`
      : `Counted from the status change, automatic approval is due ${due.relative}. Nothing is needed from you; the losing registrar may also approve it sooner.`,
  );
  return {
    heading: 'Pending at the registry: waiting for the losing registrar.',
    paragraphs,
    due,
  };
}

function registryWords(description: string | undefined): string[] {
  return description
    ? [`The reason given: “${description}”.`, 'Usual causes are listed below.']
    : ['No reason was given. Usual causes are listed below.'];
}

function dueDate(
  label: string,
  from: Date,
  windowMs: number,
  now: Date,
  typical: boolean,
): DueDate {
  const at = new Date(from.getTime() + windowMs);
  const left = at.getTime() - now.getTime();
  const overdue = left < 0;
  return {
    label,
    at,
    overdue,
    relative: overdue ? `overdue by ${formatDuration(-left)}` : `in ${formatDuration(left)}`,
    typical,
  };
}

function parseDate(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

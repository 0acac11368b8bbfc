import { ACCOUNT_NUMBER_PATTERN } from '../../contract/account-number.ts';
import { checkDomainSyntax } from '../../contract/domain-syntax.ts';
import { extractProcessId } from '../../lib/process-id.ts';
import { readRememberedAccountNumber } from '../../lib/remembered-account.ts';

/*
 * What the header's search box makes of whatever is typed or pasted: a process id, a domain
 * name (bare, in a URL or an e-mail address), `account/domain`, a console link, or free text for
 * the process list. Pure and synchronous: nothing is requested until a choice is opened.
 */

export interface SearchChoice {
  /** Where the choice leads (a console path). */
  href: string;
  /** What it opens, for people: "Process 46069000". */
  label: string;
  /** Why this reading, or what it shows. */
  detail: string;
}

export interface SearchInterpretation {
  /** The readings, best first. Enter opens the first, unless `mustChoose`. */
  choices: SearchChoice[];
  /** Several ids in one paste: none is opened unless picked. */
  mustChoose: boolean;
  /** Why nothing can be opened (then `choices` is empty). */
  problem?: string;
}

export const SEARCH_TEXT_MAX_LENGTH = 200;
const MAX_IDS_OFFERED = 10;

const NOTHING: SearchInterpretation = { choices: [], mustChoose: false };

/** Drops what pastes bring along: surrounding quotes or angle brackets, a trailing . , ; or :. */
export function cleanPaste(input: string): string {
  let text = input.trim();
  for (let changed = true; changed;) {
    const before = text;
    text = text.replace(/[.,;:]+$/, '').trim();
    const pair = /^(["'`“‘«<([])([\s\S]*)(["'`”’»>)\]])$/.exec(text);
    if (pair && closes(pair[1] ?? '', pair[3] ?? '')) text = (pair[2] ?? '').trim();
    changed = text !== before;
  }
  return text;
}

function closes(open: string, close: string): boolean {
  const pairs: Record<string, string> = {
    '"': '"',
    "'": "'",
    '`': '`',
    '“': '”',
    '‘': '’',
    '«': '»',
    '<': '>',
    '(': ')',
    '[': ']',
  };
  return pairs[open] === close;
}

const processChoice = (id: number, detail: string): SearchChoice => ({
  href: `/processes/${id}`,
  label: `Process ${id}`,
  detail,
});
const domainChoice = (domain: string, detail: string): SearchChoice => ({
  href: `/domains/${domain}`,
  label: domain,
  detail,
});
const textChoice = (text: string): SearchChoice => ({
  href: `/processes?q=${encodeURIComponent(text)}`,
  label: `Search processes for “${text}”`,
  detail: 'free text over every field of the process list',
});

/** The console paths a pasted console link may open as it is. */
const CONSOLE_PATH = /^\/(?:processes|transfers|domains|audit)(?:[/?#]|$)/;

/**
 * Reads `input`. `origin` is the console's own (a pasted link to it opens that page);
 * `rememberedAccount` offers a domain's transfer on the account last used.
 */
export function interpretSearch(
  input: string,
  { origin, rememberedAccount }: { origin?: string; rememberedAccount?: string } = {},
): SearchInterpretation {
  const text = cleanPaste(input);
  if (text === '') return NOTHING;
  if (text.length > SEARCH_TEXT_MAX_LENGTH) {
    return {
      ...NOTHING,
      problem: `That is too long for a search: at most ${SEARCH_TEXT_MAX_LENGTH} characters.`,
    };
  }

  // Digits grouped for reading (46 069 000, 46,069,000) are one id.
  const grouped = /^#?\d{1,3}([\s,._'])\d{3}(?:\1\d{3})*$/.test(text);
  // Several ids pasted at once (a list from a ticket): offered one by one.
  const ids = grouped
    ? []
    : [...text.matchAll(/(?<![\w.:/-])#?\d{3,16}(?![\w.:/-]|\.\d)/g)].map((m) =>
        m[0].replace('#', ''),
      );
  const unique = [...new Set(ids)];
  if (unique.length > 1) {
    const choices = unique
      .map((id) => extractProcessId(id))
      .flatMap((r) => (r.ok ? [processChoice(r.id, 'one of the ids pasted')] : []))
      .slice(0, MAX_IDS_OFFERED);
    const onlyIds = /^[\s\d#,;|/]+$/.test(text);
    if (!onlyIds) choices.push(textChoice(text));
    return { choices, mustChoose: choices.length > 1 };
  }

  const url = asUrl(text);
  if (url) {
    if (origin && url.origin === origin && CONSOLE_PATH.test(url.pathname)) {
      return one({
        href: `${url.pathname}${url.search}${url.hash}`,
        label: `Open ${url.pathname}`,
        detail: 'a link to this console',
      });
    }
    const fromPath = extractProcessId(text);
    if (fromPath.ok && /\/processes\/\d+/.test(url.pathname)) {
      return one(processChoice(fromPath.id, `from the link to ${url.host}`));
    }
    const domain = checkDomainSyntax(url.hostname);
    if (domain.ok)
      return domainReadings(domain.ascii, `from the link ${url.host}`, rememberedAccount);
  }

  const email = /^[^\s@<>]+@([^\s@<>]+)$/.exec(text)?.[1];
  if (email) {
    const domain = checkDomainSyntax(email);
    if (domain.ok)
      return domainReadings(domain.ascii, `from the address ${text}`, rememberedAccount);
  }

  const pair = /^([^/\s]+)\/([^/\s]+)$/.exec(text);
  if (pair && ACCOUNT_NUMBER_PATTERN.test(pair[1] ?? '')) {
    const domain = checkDomainSyntax(pair[2] ?? '');
    if (domain.ok) {
      return {
        choices: [
          {
            href: `/transfers/${pair[1]}/${domain.ascii}`,
            label: `Transfer of ${domain.ascii}`,
            detail: `on account ${pair[1]}`,
          },
          domainChoice(domain.ascii, 'everything the console knows about the domain'),
        ],
        mustChoose: false,
      };
    }
  }

  const process = extractProcessId(text);
  if (process.ok) {
    const detail = process.foundIn ? 'the one id in what you pasted' : 'process id';
    return { choices: [processChoice(process.id, detail), textChoice(text)], mustChoose: false };
  }
  // Looks like a number, but not an id: say why rather than searching for it.
  if (/^[#\s\d.,_'+-]+$/.test(text)) return { ...NOTHING, problem: process.reason };

  if (/^[^\s/]+\.[^\s/]+$/.test(text)) {
    const domain = checkDomainSyntax(text);
    if (domain.ok) return domainReadings(domain.ascii, 'domain name', rememberedAccount, text);
  }

  // eslint-disable-next-line no-control-regex -- control characters are refused, not searched
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return { ...NOTHING, problem: 'That contains control characters; paste plain text.' };
  }
  return one(textChoice(text));
}

function one(choice: SearchChoice): SearchInterpretation {
  return { choices: [choice], mustChoose: false };
}

function domainReadings(
  domain: string,
  detail: string,
  rememberedAccount: string | undefined,
  asText?: string,
): SearchInterpretation {
  const choices = [domainChoice(domain, detail)];
  if (rememberedAccount) {
    choices.push({
      href: `/transfers/${rememberedAccount}/${domain}`,
      label: `Transfer of ${domain}`,
      detail: `on account ${rememberedAccount}, the one used last`,
    });
  }
  choices.push(textChoice(asText ?? domain));
  return { choices, mustChoose: false };
}

function asUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** interpretSearch for the header: this console's origin and the account used last. */
export function interpretHere(input: string): SearchInterpretation {
  return interpretSearch(input, {
    origin: window.location.origin,
    rememberedAccount: readRememberedAccountNumber() || undefined,
  });
}

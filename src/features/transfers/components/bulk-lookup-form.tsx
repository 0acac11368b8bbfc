import { useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { splitDomainList } from '../../../contract/domain-syntax.ts';
import { rememberAccountNumber } from '../../../lib/remembered-account.ts';
import { bulkLink, preloadBulkLink } from '../bulk-link.ts';
import { buildDomainList, checkLocally, namesToCheck } from '../domain-list.ts';
import { useDomainCheck } from '../use-domain-check.ts';
import { describeCheckFailure } from './domain-check-error.tsx';
import {
  AccountNumberField,
  checkAccountNumber,
  lookupInputClass,
  useAccountNumberInput,
} from './account-number-field.tsx';
import { Button } from '../../../components/ui/button.tsx';

/** A list longer than this many lines starts hidden behind a button (see `list` below). */
const SHOWN_LINES_MAX = 500;

const lineCount = (text: string) => (text === '' ? 0 : text.split('\n').length);

/**
 * Paste many domains; they become `/transfers/<account>?domains=a.com,b.com` (a long list:
 * `/transfers/<account>#dz=…`, see bulk-link.ts).
 */
export function BulkLookupForm({
  initialAccount,
  initialDomains = '',
  onIntent,
}: {
  initialAccount?: string;
  initialDomains?: string;
  /**
   * Called once, when a person first focuses or types in the form: time to fetch the code the
   * submit will need (the bulk page's), so that the submit does not wait for it.
   */
  onIntent?: () => void;
}) {
  const navigate = useNavigate();
  const intended = useRef(false);
  const noteIntent = () => {
    if (intended.current) return;
    intended.current = true;
    preloadBulkLink();
    onIntent?.();
  };
  const ids = { account: useId(), domains: useId(), problem: useId(), hint: useId() };
  const [accountValue, setAccount] = useAccountNumberInput(initialAccount);
  const [text, setText] = useState(initialDomains);
  // A list of thousands from a link is not shown as text until asked for: laying out a
  // 5,000-line text box holds the page for a hundred milliseconds and more, as it opens.
  const [list, setList] = useState<'shown' | 'hidden' | 'opened'>(() =>
    lineCount(initialDomains) > SHOWN_LINES_MAX ? 'hidden' : 'shown',
  );
  const [problem, setProblem] = useState<{
    field: 'account' | 'domains';
    text: string;
    retry?: boolean;
  }>();
  const { checking, check } = useDomainCheck();

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (checking) return;
    const account = checkAccountNumber(accountValue);
    if (!account.ok) {
      setProblem({ field: 'account', text: account.reason });
      return;
    }
    const entries = splitDomainList(text);
    if (entries.length === 0) {
      setProblem({ field: 'domains', text: 'Enter one or more domain names.' });
      return;
    }
    // With one plain .com (or .net, .org) name there is something to look up: the page checks
    // the rest. Otherwise the server's check says whether any entry is a domain; the page
    // finds that answer in the cache.
    if (!entries.some((entry) => checkLocally(entry)?.ok)) {
      setProblem(undefined);
      let list;
      try {
        list = buildDomainList(entries, await check(namesToCheck(entries)));
      } catch (error) {
        setProblem({
          field: 'domains',
          text: `The domain names could not be checked. ${describeCheckFailure(error)}`,
          retry: true,
        });
        return;
      }
      if (list.domains.length === 0) {
        setProblem({
          field: 'domains',
          text: `None of the entries is a domain name (${list.invalid[0]?.reason ?? 'no entries'})`,
        });
        return;
      }
    }
    rememberAccountNumber(account.accountNumber);
    // The inputs as typed go in the URL (a long list in its fragment, compressed); the page
    // re-checks them and shows what it corrected.
    void navigate(await bulkLink(account.accountNumber, entries));
  }

  // A problem with the list shows it, to be corrected.
  const listHidden = list === 'hidden' && problem?.field !== 'domains';

  const invalid = (field: 'account' | 'domains') =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': ids.problem } : {};

  return (
    <form
      onSubmit={(e) => void submit(e)}
      onFocus={noteIntent}
      onInput={noteIntent}
      noValidate
      className="space-y-3"
      aria-busy={checking}
    >
      <AccountNumberField
        id={ids.account}
        value={accountValue}
        onChange={(value) => {
          setAccount(value);
          setProblem(undefined);
        }}
        className="max-w-xs"
        {...invalid('account')}
      />
      <div>
        {listHidden ? (
          <p className="block text-sm font-medium">Domain names</p>
        ) : (
          <label htmlFor={ids.domains} className="block text-sm font-medium">
            Domain names
          </label>
        )}
        <p id={ids.hint} className="text-sm text-fg-muted">
          One per line, or separated by commas or spaces. Duplicates are dropped.
        </p>
        {listHidden ? (
          <p className="mt-1 text-sm">
            {lineCount(text)} names from the link.{' '}
            <button
              type="button"
              aria-expanded={false}
              onClick={() => setList('opened')}
              className="font-medium text-link underline hover:no-underline"
            >
              Show and edit the list
            </button>
          </p>
        ) : (
          <textarea
            id={ids.domains}
            rows={6}
            spellCheck={false}
            value={text}
            // Opened by the button above: typing goes on where the person asked to.
            autoFocus={list === 'opened'}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(undefined);
            }}
            aria-describedby={
              problem?.field === 'domains' ? `${ids.hint} ${ids.problem}` : ids.hint
            }
            aria-invalid={problem?.field === 'domains' ? true : undefined}
            className={lookupInputClass}
          />
        )}
      </div>
      {problem && (
        <p id={ids.problem} role="alert" className="text-sm text-danger-fg">
          {problem.text}{' '}
          {problem.retry && (
            <button
              type="button"
              onClick={() => void submit()}
              className="font-medium underline hover:no-underline"
            >
              Try again
            </button>
          )}
        </p>
      )}
      <Button
        type="submit"
        variant="primary"
        size="lg"
        aria-disabled={checking}
        className="aria-disabled:opacity-60"
      >
        {checking ? 'Checking the domain names…' : 'Look up all'}
      </Button>
    </form>
  );
}

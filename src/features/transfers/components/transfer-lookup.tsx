import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { rememberAccountNumber } from '../../../lib/remembered-account.ts';
import { checkLocally } from '../domain-list.ts';
import { useDomainCheck } from '../use-domain-check.ts';
import { describeCheckFailure } from './domain-check-error.tsx';
import {
  AccountNumberField,
  checkAccountNumber,
  lookupInputClass,
  useAccountNumberInput,
} from './account-number-field.tsx';
import { Button } from '../../../components/ui/button.tsx';

/**
 * Account number (remembered) and one domain, checked before anything is sent: a plain
 * example.com at once, any other name by the console server (a URL or www. is cut back to the
 * registrable domain there).
 */
export function TransferLookup({ initialDomain = '' }: { initialDomain?: string }) {
  const navigate = useNavigate();
  const ids = { account: useId(), domain: useId(), problem: useId() };
  const [accountValue, setAccount] = useAccountNumberInput();
  const [domain, setDomain] = useState(initialDomain);
  const [problem, setProblem] = useState<{
    field: 'account' | 'domain';
    text: string;
    /** The check itself failed: offer to try again. */
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
    const trimmed = domain.trim();
    if (trimmed === '') {
      setProblem({ field: 'domain', text: 'Enter a domain name.' });
      return;
    }
    let checked = checkLocally(trimmed);
    if (!checked) {
      setProblem(undefined);
      try {
        [checked] = await check([trimmed]);
      } catch (error) {
        setProblem({
          field: 'domain',
          text: `The domain name could not be checked. ${describeCheckFailure(error)}`,
          retry: true,
        });
        return;
      }
    }
    if (!checked) return;
    if (!checked.ok) {
      setProblem({ field: 'domain', text: checked.reason });
      return;
    }
    rememberAccountNumber(account.accountNumber);
    // `from` makes the page say what it corrected (a URL, www. or another sub-domain).
    const query = checked.corrected ? `?${new URLSearchParams({ from: checked.input })}` : '';
    void navigate(`/transfers/${account.accountNumber}/${checked.ascii}${query}`);
  }

  const invalid = (field: 'account' | 'domain') =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': ids.problem } : {};

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-3" aria-busy={checking}>
      <AccountNumberField
        id={ids.account}
        value={accountValue}
        onChange={(value) => {
          setAccount(value);
          setProblem(undefined);
        }}
        {...invalid('account')}
      />
      <div>
        <label htmlFor={ids.domain} className="block text-sm font-medium">
          Domain name
        </label>
        <input
          id={ids.domain}
          autoComplete="off"
          spellCheck={false}
          placeholder="example.com"
          value={domain}
          onChange={(e) => {
            setDomain(e.target.value);
            setProblem(undefined);
          }}
          className={lookupInputClass}
          {...invalid('domain')}
        />
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
        {checking ? 'Checking the domain name…' : 'Show transfer'}
      </Button>
    </form>
  );
}

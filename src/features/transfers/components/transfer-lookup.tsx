import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { loadDomainRules } from '../../../lib/domain-rules.ts';
import { rememberAccountNumber } from '../../../lib/remembered-account.ts';
import {
  AccountNumberField,
  checkAccountNumber,
  lookupInputClass,
  useAccountNumberInput,
} from './account-number-field.tsx';
import { Button } from '../../../components/ui/button.tsx';

/** Account number (remembered) and one domain, checked before anything is sent. */
export function TransferLookup({ initialDomain = '' }: { initialDomain?: string }) {
  const navigate = useNavigate();
  const ids = { account: useId(), domain: useId(), problem: useId() };
  const [accountValue, setAccount] = useAccountNumberInput();
  const [domain, setDomain] = useState(initialDomain);
  const [problem, setProblem] = useState<{ field: 'account' | 'domain'; text: string }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const account = checkAccountNumber(accountValue);
    if (!account.ok) {
      setProblem({ field: 'account', text: account.reason });
      return;
    }
    const { checkDomainName } = await loadDomainRules();
    const checked = checkDomainName(domain);
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
    <form
      onSubmit={(e) => void submit(e)}
      onFocus={() => void loadDomainRules()}
      noValidate
      className="space-y-3"
    >
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
          {problem.text}
        </p>
      )}
      <Button type="submit" variant="primary" size="lg">
        Show transfer
      </Button>
    </form>
  );
}

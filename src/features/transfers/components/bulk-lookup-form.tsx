import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { loadDomainRules } from '../../../lib/domain-rules.ts';
import { splitDomainList } from '../../../contract/domain-syntax.ts';
import { rememberAccountNumber } from '../../../lib/remembered-account.ts';
import {
  AccountNumberField,
  checkAccountNumber,
  lookupInputClass,
  useAccountNumberInput,
} from './account-number-field.tsx';
import { Button } from '../../../components/ui/button.tsx';

/** Paste many domains; they become `/transfers/<account>?domains=a.com,b.com`. */
export function BulkLookupForm({
  initialAccount,
  initialDomains = '',
}: {
  initialAccount?: string;
  initialDomains?: string;
}) {
  const navigate = useNavigate();
  const ids = { account: useId(), domains: useId(), problem: useId(), hint: useId() };
  const [accountValue, setAccount] = useAccountNumberInput(initialAccount);
  const [text, setText] = useState(initialDomains);
  const [problem, setProblem] = useState<{ field: 'account' | 'domains'; text: string }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const account = checkAccountNumber(accountValue);
    if (!account.ok) {
      setProblem({ field: 'account', text: account.reason });
      return;
    }
    const { parseDomainList } = await loadDomainRules();
    const list = parseDomainList(text);
    if (list.domains.length === 0) {
      setProblem({
        field: 'domains',
        text:
          list.invalid.length > 0
            ? `None of the entries is a domain name (${list.invalid[0]!.reason})`
            : 'Enter one or more domain names.',
      });
      return;
    }
    rememberAccountNumber(account.accountNumber);
    // The inputs as typed go in the URL; the page re-checks them and shows what it corrected.
    const params = new URLSearchParams({ domains: splitDomainList(text).join(',') });
    void navigate(`/transfers/${account.accountNumber}?${params}`);
  }

  const invalid = (field: 'account' | 'domains') =>
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
        className="max-w-xs"
        {...invalid('account')}
      />
      <div>
        <label htmlFor={ids.domains} className="block text-sm font-medium">
          Domain names
        </label>
        <p id={ids.hint} className="text-sm text-fg-muted">
          One per line, or separated by commas or spaces. Duplicates are dropped.
        </p>
        <textarea
          id={ids.domains}
          rows={6}
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(undefined);
          }}
          aria-describedby={problem?.field === 'domains' ? `${ids.hint} ${ids.problem}` : ids.hint}
          aria-invalid={problem?.field === 'domains' ? true : undefined}
          className={lookupInputClass}
        />
      </div>
      {problem && (
        <p id={ids.problem} role="alert" className="text-sm text-danger-fg">
          {problem.text}
        </p>
      )}
      <Button type="submit" variant="primary" size="lg">
        Look up all
      </Button>
    </form>
  );
}

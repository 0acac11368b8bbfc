import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { accountNumberSchema } from '../../../lib/account-number.ts';
import { loadDomainRules } from '../../../lib/domain-rules.ts';
import {
  rememberAccountNumber,
  useRememberedAccountNumber,
} from '../../../lib/remembered-account.ts';

const inputClass =
  'mt-1 w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono aria-invalid:border-red-700';

/** Account number (remembered) and one domain, checked before anything is sent. */
export function TransferLookup({ initialDomain = '' }: { initialDomain?: string }) {
  const navigate = useNavigate();
  const remembered = useRememberedAccountNumber();
  const ids = { account: useId(), domain: useId(), problem: useId() };
  const [account, setAccount] = useState<string>();
  const [domain, setDomain] = useState(initialDomain);
  const [problem, setProblem] = useState<{ field: 'account' | 'domain'; text: string }>();
  const accountValue = account ?? remembered;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsedAccount = accountNumberSchema.safeParse(accountValue.trim());
    if (!parsedAccount.success) {
      setProblem({
        field: 'account',
        text: parsedAccount.error.issues[0]?.message ?? 'Enter an account number.',
      });
      return;
    }
    const { checkDomainName } = await loadDomainRules();
    const checked = checkDomainName(domain);
    if (!checked.ok) {
      setProblem({ field: 'domain', text: checked.reason });
      return;
    }
    rememberAccountNumber(parsedAccount.data);
    // `from` makes the page say what it corrected (a URL, www. or another sub-domain).
    const query = checked.corrected ? `?${new URLSearchParams({ from: checked.input })}` : '';
    void navigate(`/transfers/${parsedAccount.data}/${checked.ascii}${query}`);
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
      <div>
        <label htmlFor={ids.account} className="block text-sm font-medium">
          Account number
        </label>
        <input
          id={ids.account}
          autoComplete="off"
          spellCheck={false}
          value={accountValue}
          onChange={(e) => {
            setAccount(e.target.value);
            setProblem(undefined);
          }}
          className={inputClass}
          {...invalid('account')}
        />
      </div>
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
          className={inputClass}
          {...invalid('domain')}
        />
      </div>
      {problem && (
        <p id={ids.problem} role="alert" className="text-sm text-red-800">
          {problem.text}
        </p>
      )}
      <button
        type="submit"
        className="rounded bg-blue-800 px-4 py-2 text-sm font-medium text-white hover:bg-blue-900"
      >
        Show transfer
      </button>
    </form>
  );
}

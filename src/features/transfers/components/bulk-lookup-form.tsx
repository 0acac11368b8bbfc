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

/** Paste many domains; they become `/transfers/<account>?domains=a.com,b.com`. */
export function BulkLookupForm({
  initialAccount,
  initialDomains = '',
}: {
  initialAccount?: string;
  initialDomains?: string;
}) {
  const navigate = useNavigate();
  const remembered = useRememberedAccountNumber();
  const ids = { account: useId(), domains: useId(), problem: useId(), hint: useId() };
  const [account, setAccount] = useState(initialAccount);
  const [text, setText] = useState(initialDomains);
  const [problem, setProblem] = useState<{ field: 'account' | 'domains'; text: string }>();
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
    rememberAccountNumber(parsedAccount.data);
    // The inputs as typed go in the URL; the page re-checks them and shows what it corrected.
    const entries = text.split(/[\s,;]+/).filter(Boolean);
    const params = new URLSearchParams({ domains: entries.join(',') });
    void navigate(`/transfers/${parsedAccount.data}?${params}`);
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
          className={`${inputClass} max-w-xs`}
          {...invalid('account')}
        />
      </div>
      <div>
        <label htmlFor={ids.domains} className="block text-sm font-medium">
          Domain names
        </label>
        <p id={ids.hint} className="text-sm text-slate-700">
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
          className={inputClass}
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
        Look up all
      </button>
    </form>
  );
}

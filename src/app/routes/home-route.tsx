import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { processIdParamSchema } from '../../lib/process-id.ts';
import { accountNumberSchema } from '../../lib/account-number.ts';
import { checkDomainName } from '../../lib/domain-name.ts';

const PROCESS_EXAMPLES = [
  ['46069000', 'failed contact update (the SDK example)'],
  ['1000003', 'a running domain transfer'],
  ['1000004', 'a completed domain create'],
  ['1000012', 'money in four currencies'],
  ['1000013', '2,000 billables'],
  ['1000016', 'running now, completes after a minute'],
  ['1234', 'a process that does not exist'],
] as const;

const TRANSFER_EXAMPLES = [
  ['test.com', 'approval mail sent (the Hostway example)'],
  ['registry-pend.com', 'pending at the registry'],
  ['active.com', 'completed'],
  ['registry-nack.com', 'rejected by the registry'],
  ['moving-1.com', 'moves through its lifecycle as time passes'],
  ['no-transfer.com', 'no transfer order'],
] as const;

export function HomeRoute() {
  return (
    <div className="space-y-8">
      <title>Registrar Console</title>
      <h1 className="text-2xl font-semibold">Look up a process or a transfer</h1>
      <div className="grid gap-6 md:grid-cols-2">
        <ProcessLookup />
        <TransferLookup />
      </div>
      <section
        aria-labelledby="examples-title"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="examples-title" className="text-lg font-semibold">
          Sandbox examples
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          These exist when the console runs against its built-in sandbox (the default).
        </p>
        <div className="mt-3 grid gap-6 md:grid-cols-2">
          <ul className="space-y-1 text-sm">
            {PROCESS_EXAMPLES.map(([id, what]) => (
              <li key={id}>
                <Link className="text-blue-800 underline" to={`/processes/${id}`}>
                  Process {id}
                </Link>{' '}
                — {what}
              </li>
            ))}
          </ul>
          <ul className="space-y-1 text-sm">
            {TRANSFER_EXAMPLES.map(([domain, what]) => (
              <li key={domain}>
                <Link className="text-blue-800 underline" to={`/transfers/acct12345/${domain}`}>
                  {domain}
                </Link>{' '}
                — {what}
              </li>
            ))}
          </ul>
        </div>
      </section>
    </div>
  );
}

const inputClass =
  'mt-1 w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono aria-[invalid=true]:border-red-700';
const buttonClass =
  'mt-3 rounded bg-blue-800 px-4 py-2 text-sm font-medium text-white hover:bg-blue-900';

function ProcessLookup() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = processIdParamSchema.safeParse(value.trim());
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Enter a process id.');
      return;
    }
    void navigate(`/processes/${parsed.data}`);
  }

  return (
    <form onSubmit={submit} noValidate className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Process</h2>
      <label htmlFor="process-id" className="mt-2 block text-sm font-medium">
        Process id
      </label>
      <input
        id="process-id"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setProblem(undefined);
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'process-id-problem' : undefined}
        className={inputClass}
      />
      {problem && (
        <p id="process-id-problem" className="mt-1 text-sm text-red-800">
          {problem}
        </p>
      )}
      <button type="submit" className={buttonClass}>
        Show process
      </button>
    </form>
  );
}

function TransferLookup() {
  const navigate = useNavigate();
  const [account, setAccount] = useState('');
  const [domain, setDomain] = useState('');
  const [problem, setProblem] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsedAccount = accountNumberSchema.safeParse(account.trim());
    if (!parsedAccount.success) {
      setProblem(parsedAccount.error.issues[0]?.message);
      return;
    }
    const checked = checkDomainName(domain);
    if (!checked.ok) {
      setProblem(checked.reason);
      return;
    }
    void navigate(`/transfers/${parsedAccount.data}/${checked.ascii}`);
  }

  return (
    <form onSubmit={submit} noValidate className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Transfer</h2>
      <label htmlFor="account-number" className="mt-2 block text-sm font-medium">
        Account number
      </label>
      <input
        id="account-number"
        autoComplete="off"
        value={account}
        onChange={(e) => {
          setAccount(e.target.value);
          setProblem(undefined);
        }}
        className={inputClass}
      />
      <label htmlFor="domain-name" className="mt-3 block text-sm font-medium">
        Domain name
      </label>
      <input
        id="domain-name"
        autoComplete="off"
        value={domain}
        onChange={(e) => {
          setDomain(e.target.value);
          setProblem(undefined);
        }}
        aria-describedby={problem ? 'transfer-problem' : undefined}
        className={inputClass}
      />
      {problem && (
        <p id="transfer-problem" role="alert" className="mt-1 text-sm text-red-800">
          {problem}
        </p>
      )}
      <button type="submit" className={buttonClass}>
        Show transfer
      </button>
    </form>
  );
}

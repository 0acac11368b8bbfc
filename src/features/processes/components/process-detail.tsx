import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Billable, MoneyMap, Process } from '../../../api/rtr-schemas.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { processQueries } from '../queries.ts';

export function ProcessDetail({ processId }: { processId: number }) {
  const query = useQuery(processQueries.detail(processId));

  if (query.isPending) return <PageLoading label={`Loading process ${processId}…`} />;
  if (query.isError) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">Process {processId}</h1>
        <ErrorPanel
          error={query.error}
          api="Realtime Register"
          subject={`process ${processId}`}
          notFound={`There is no process ${processId}, or it is not visible to the console's Realtime Register account.`}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </>
    );
  }
  return <ProcessView process={query.data} />;
}

function ProcessView({ process }: { process: Process }) {
  return (
    <article className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Process {process.id}</h1>
        <p className="mt-1 text-slate-700">
          {[process.type, process.action, process.identifier].filter(Boolean).join(' · ')}
        </p>
        <p className="mt-2">
          Status: <strong data-testid="process-status">{process.status}</strong>
          {process.statusDetail && <> — {process.statusDetail}</>}
        </p>
      </header>

      <Section title="Who and when">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <Field label="User" value={process.user} />
          <Field label="Customer" value={process.customer} />
          <Field label="Created" value={process.createdDate} />
          <Field label="Started" value={process.startedDate} />
          <Field label="Updated" value={process.updatedDate} />
          <Field label="Waiting for" value={process.resumeTypes?.join(', ')} />
        </dl>
      </Section>

      <Section title="Money">
        <MoneyTable
          rows={[
            ['Reserved', process.reservation],
            ['Charged', process.transaction],
            ['Refunded', process.refund],
          ]}
        />
      </Section>

      {process.billables && process.billables.length > 0 && (
        <Section title={`Billables (${process.billables.length})`}>
          <BillablesTable billables={process.billables} />
        </Section>
      )}

      {process.error !== undefined && (
        <Section title="Error">
          <JsonBlock value={process.error} />
        </Section>
      )}

      <Section title="Command">
        {process.command ? <JsonBlock value={process.command} /> : <p>No command in the answer.</p>}
      </Section>

      {process.type === 'domain' && process.identifier && (
        <p>
          <Link className="text-blue-800 underline" to="/">
            Look up the transfer status of {process.identifier}
          </Link>
        </p>
      )}
    </article>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Field({ label, value }: { label: string; value: string | undefined }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd>{value ?? '—'}</dd>
    </>
  );
}

function MoneyTable({ rows }: { rows: [string, MoneyMap | undefined][] }) {
  const currencies = [...new Set(rows.flatMap(([, money]) => Object.keys(money ?? {})))].sort();
  if (currencies.length === 0)
    return <p className="text-sm">No money was reserved, charged or refunded.</p>;
  return (
    <table className="text-sm">
      <thead>
        <tr>
          <th scope="col" className="pr-6 text-left">
            <span className="sr-only">Entry</span>
          </th>
          {currencies.map((c) => (
            <th key={c} scope="col" className="pr-6 text-right">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, money]) => (
          <tr key={label}>
            <th scope="row" className="pr-6 text-left font-medium">
              {label}
            </th>
            {currencies.map((c) => (
              <td key={c} className="pr-6 text-right font-mono">
                {money?.[c] ?? '—'}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BillablesTable({ billables }: { billables: Billable[] }) {
  return (
    <div className="max-h-96 overflow-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left">
            <th scope="col">Product</th>
            <th scope="col">Action</th>
            <th scope="col" className="text-right">
              Quantity
            </th>
            <th scope="col" className="text-right">
              Amount
            </th>
            <th scope="col">Provider</th>
          </tr>
        </thead>
        <tbody>
          {billables.map((b, i) => (
            <tr key={i} className="border-t border-slate-100">
              <td>{b.product}</td>
              <td>{b.action}</td>
              <td className="text-right">{b.quantity}</td>
              <td className="text-right">{b.amount}</td>
              <td>{b.providerName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function JsonBlock({ value }: { value: unknown }) {
  return (
    <pre className="max-h-96 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

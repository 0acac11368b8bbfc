import { Link } from 'react-router';

/** A URL that names something impossible: explain, and send nothing upstream. */
export function InvalidParam({
  title,
  value,
  reason,
}: {
  title: string;
  value: string;
  reason: string;
}) {
  return (
    <section
      role="alert"
      aria-labelledby="invalid-title"
      className="rounded-lg border border-amber-300 bg-amber-50 p-5"
    >
      <h1 id="invalid-title" className="text-lg font-semibold text-amber-950">
        {title}
      </h1>
      <p className="mt-2 text-amber-950">
        <q className="font-mono break-all">{value}</q>: {reason}
      </p>
      <p className="mt-3">
        <Link to="/" className="text-blue-800 underline">
          Back to lookup
        </Link>
      </p>
    </section>
  );
}

import { Link } from 'react-router';
import { Alert } from '../../components/ui/alert.tsx';

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
    <Alert as="section" tone="warning" size="lg" role="alert" aria-labelledby="invalid-title">
      <h1 id="invalid-title" className="text-lg font-semibold">
        {title}
      </h1>
      <p className="mt-2">
        <q className="font-mono break-all">{value}</q>: {reason}
      </p>
      <p className="mt-3">
        <Link to="/" className="text-link underline">
          Back to lookup
        </Link>
      </p>
    </Alert>
  );
}

import { Link, useLocation } from 'react-router';

export function NotFoundRoute() {
  const { pathname } = useLocation();
  return (
    <section className="py-6">
      <title>Page not found · Registrar Console</title>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2">
        The console has no page at <code className="font-mono break-all">{pathname}</code>.
      </p>
      <p className="mt-3">
        <Link to="/" className="text-link underline">
          Go to the lookup
        </Link>
      </p>
    </section>
  );
}

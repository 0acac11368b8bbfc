import type { QueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { parseProcessListQuery } from '../../contract/process-list-query.ts';
import { processListQueries } from '../../features/processes/list-queries.ts';
import { CONSOLE_ONLY_PARAMS, tableRequest } from '../../features/processes/lib/list-query.ts';
import { ProcessList } from '../../features/processes/components/process-list.tsx';
import { InvalidParam } from './invalid-param.tsx';

const parse = (params: URLSearchParams) =>
  parseProcessListQuery(params, { ignore: CONSOLE_ONLY_PARAMS });

/** `/processes?…`: the query string is the API's; one it refuses is explained, not requested. */
export function ProcessListRoute() {
  const [searchParams] = useSearchParams();
  const parsed = parse(searchParams);
  if (parsed.ok) return <ProcessList query={parsed.query} />;
  const tz = searchParams.get('tz');
  return (
    <div className="space-y-3">
      <title>Processes · Registrar Console</title>
      <InvalidParam
        title="This process list filter cannot be used"
        value={parsed.param}
        reason={`${parsed.message} Nothing was requested.`}
      />
      <p>
        <Link
          to={tz ? `/processes?tz=${encodeURIComponent(tz)}` : '/processes'}
          className="text-link underline"
        >
          Clear filters
        </Link>
      </p>
    </div>
  );
}

/**
 * Starts the first page's request from the URL alone (see app/lazy-page.tsx). The route has no
 * path params: the query string is the state, read here from the location being preloaded.
 */
export function prefetchProcessList(queryClient: QueryClient) {
  const parsed = parse(new URLSearchParams(window.location.search));
  if (parsed.ok)
    void queryClient.prefetchQuery(processListQueries.page(tableRequest(parsed.query)));
}

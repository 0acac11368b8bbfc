import type { QueryClient } from '@tanstack/react-query';
import { useParams, type Params } from 'react-router';
import { processQueries } from '../../features/processes/queries.ts';
import { processIdParamSchema } from '../../contract/process-id.ts';
import { ProcessDetail } from '../../features/processes/components/process-detail.tsx';
import { InvalidParam } from './invalid-param.tsx';

export function ProcessRoute() {
  const { processId = '' } = useParams();
  const parsed = processIdParamSchema.safeParse(processId);
  if (!parsed.success) {
    return (
      <InvalidParam
        title="Not a process id"
        value={processId}
        reason={parsed.error.issues[0]?.message ?? 'A process id is a positive whole number.'}
      />
    );
  }
  return (
    <>
      <title>{`Process ${parsed.data} · Registrar Console`}</title>
      <ProcessDetail key={parsed.data} processId={parsed.data} />
    </>
  );
}

/** Starts the process request from the URL alone (see app/lazy-page.tsx). */
export function prefetchProcess(queryClient: QueryClient, params: Params) {
  const parsed = processIdParamSchema.safeParse(params.processId ?? '');
  if (parsed.success) void queryClient.prefetchQuery(processQueries.detail(parsed.data));
}

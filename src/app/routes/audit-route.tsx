import { useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { auditKindSchema } from '../../contract/audit.ts';
import { AuditTrail } from '../../features/audit/components/audit-trail.tsx';
import type { AuditView } from '../../features/audit/audit-view.ts';
import { readSearch, type SearchShape } from './search-params.ts';

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** `/audit?user=&object=&kind=&from=&to=&page=` (and `tz`, read by the time zone toggle). */
export const auditSearchShape = {
  user: z.string().check(z.minLength(1), z.maxLength(320)),
  object: z.string().check(z.minLength(1), z.maxLength(300)),
  kind: auditKindSchema,
  from: day,
  to: day,
  page: z.pipe(z.string().check(z.regex(/^[1-9]\d{0,5}$/)), z.transform(Number)),
} satisfies SearchShape;

export function AuditRoute() {
  const [searchParams] = useSearchParams();
  const view: AuditView = readSearch(auditSearchShape, searchParams);
  return <AuditTrail view={view} />;
}

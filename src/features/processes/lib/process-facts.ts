import {
  DOCUMENTED_REQUIRED_FIELDS,
  isKnownProcessStatus,
  PROCESS_FIELDS,
  type Process,
} from '../../../api/rtr-schemas.ts';

const DOCUMENTED_FIELDS: ReadonlySet<string> = new Set(PROCESS_FIELDS);

/** `"<customerHandle>/<loginName>"`, split at the first slash; anything else is kept whole. */
export function splitUser(user: string | undefined): { customerHandle?: string; login?: string } {
  if (!user) return {};
  const slash = user.indexOf('/');
  if (slash <= 0 || slash === user.length - 1) return { login: user };
  return { customerHandle: user.slice(0, slash), login: user.slice(slash + 1) };
}

/** Where the answer differs from the documentation: shown, never hidden. */
export function findDeviations(process: Process): string[] {
  const deviations: string[] = [];
  if (!isKnownProcessStatus(process.status)) {
    deviations.push(`Status "${process.status}" is not one of the documented statuses.`);
  }
  for (const field of DOCUMENTED_REQUIRED_FIELDS) {
    if (process[field] === undefined) {
      deviations.push(`"${field}" is documented as required but is missing.`);
    }
  }
  const extra = Object.keys(process).filter((key) => !DOCUMENTED_FIELDS.has(key));
  if (extra.length > 0) {
    deviations.push(`Undocumented field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}.`);
  }
  return deviations;
}

/** The error's type and message, when the object has them (its shape is undocumented). */
export function summariseProcessError(error: unknown): { type?: string; message?: string } {
  if (typeof error === 'string') return { message: error };
  if (typeof error !== 'object' || error === null) return {};
  const { type, message } = error as Record<string, unknown>;
  return {
    type: typeof type === 'string' ? type : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/** A cheap check (no public-suffix list on this page): the identifier looks like a domain. */
export function domainOf(process: Process): string | undefined {
  const identifier = process.identifier?.trim().toLowerCase();
  if (!identifier || process.type !== 'domain') return undefined;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(identifier) ? identifier : undefined;
}

export interface ProcessDurations {
  /** From creation to start. */
  queued?: number;
  /** Still running: from start (or creation) until now. */
  runningFor?: number;
  /** Final: from start (or creation) to the last update. */
  finishedAfter?: number;
}

export function processDurations(process: Process, live: boolean, now: Date): ProcessDurations {
  const created = Date.parse(process.createdDate);
  const started = process.startedDate ? Date.parse(process.startedDate) : undefined;
  const updated = process.updatedDate ? Date.parse(process.updatedDate) : undefined;
  const from = started ?? created;
  return {
    queued: started !== undefined ? Math.max(0, started - created) : undefined,
    runningFor: live ? Math.max(0, now.getTime() - from) : undefined,
    finishedAfter: !live && updated !== undefined ? Math.max(0, updated - from) : undefined,
  };
}

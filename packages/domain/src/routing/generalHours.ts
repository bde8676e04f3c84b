import type { Store } from '../ports.ts';
import type { BusinessHours } from '../records.ts';

/** Whether a value read from settings is business hours as the admin API stores them (validated there). */
function isHours(value: unknown): value is BusinessHours {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<BusinessHours>;
  return (
    typeof v.timezone === 'string' &&
    typeof v.weekly === 'object' &&
    v.weekly !== null &&
    Array.isArray(v.holidays)
  );
}

/** The general queue's business hours (conversations in no team), from the workspace's settings; null: always open. */
export async function generalHours(
  store: Pick<Store, 'workspaces'>,
  workspaceId: string,
): Promise<BusinessHours | null> {
  const hours = (await store.workspaces.findById(workspaceId))?.settings.hours;
  return isHours(hours) ? hours : null;
}

import { DomainError, type User } from '@tandem/domain';
import type { DataRetention } from '@tandem/protocol';
import { analyticsRetentionRepository, type Db } from '@tandem/storage';
import { assertAnalyst } from './filter.ts';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The workspace's retention period and its last purge (supervisors and admins read it). */
export async function readRetention(db: Db, user: User): Promise<DataRetention> {
  assertAnalyst(user);
  const setting = await analyticsRetentionRepository(db).get(user.workspaceId);
  return {
    retentionDays: setting.retentionDays,
    lastPurgeAt: iso(setting.lastPurgeAt),
    lastPurged: setting.lastPurged,
    nextPurgeAt: iso(setting.nextPurgeAt),
  };
}

/** Sets the period (admins only); the purge job applies it within a minute. */
export async function saveRetention(db: Db, user: User, days: number | null): Promise<DataRetention> {
  if (user.role !== 'admin') throw new DomainError('forbidden', 'only admins change data retention');
  await analyticsRetentionRepository(db).set(user.workspaceId, days);
  return readRetention(db, user);
}

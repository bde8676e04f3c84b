import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001_initial.ts';

/** Versioned migrations, in order. Never edit a released one: add the next. */
export const migrations: Record<string, Migration> = {
  '001_initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

import { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's start parameters: its defaults, with a 32 MB buffer cache instead of 128 MB (about 120 MB less
 * memory; the operating system still caches the database files).
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

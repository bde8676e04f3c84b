import { fileURLToPath } from 'node:url';

/**
 * The checkout's root. Under tsx or Vitest this module is apps/server/src/paths.ts; compiled
 * (`npm run build:server`) it is bundled into dist/server/main.js. Files the server reads at run time
 * (the demo workspace, the built web assets) stay in the checkout and are found from here in both cases.
 */
const compiled = !new URL(import.meta.url).pathname.endsWith('.ts');
const root = new URL(compiled ? '../../' : '../../../', import.meta.url);

/** An absolute path from the checkout's root; a trailing slash is kept. */
export const fromRoot = (relative: string): string => fileURLToPath(new URL(relative, root));

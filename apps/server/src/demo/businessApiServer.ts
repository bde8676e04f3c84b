import Fastify from 'fastify';
import { createDemoBusinessState, demoBusinessApi } from './businessApi.ts';

/** the one-time code transcript tests type in the card-bill flow */
export const DEMO_TEST_OTP = '246810';

/**
 * The demo business API on its own port, for transcript tests (`tandem test`) that run the demo flows
 * without a Tandem server. Listed as `api:` in transcripts/workspace.yml.
 */
export async function start(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  demoBusinessApi(app, createDemoBusinessState({ fixedOtp: DEMO_TEST_OTP }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, close: () => app.close() };
}

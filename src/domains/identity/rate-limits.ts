import type { Config } from '#src/config.ts';

/**
 * Per IP address, on the forms that check a password: slows guessing across many accounts,
 * which the lock on each account cannot. @fastify/rate-limit is registered with `global: false`.
 * Configurable because a trust whose staff share one NAT address signs many people in at shift change.
 */
export const signInRateLimit = (config: Config) => ({
  max: config.SIGN_IN_RATE_LIMIT_PER_MINUTE,
  timeWindow: '1 minute',
});

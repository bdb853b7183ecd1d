import { createRequire } from 'node:module';

// otplib is loaded on first use: most commands never need it, and start-up time matters.
const require = createRequire(import.meta.url);
let otplib: typeof import('otplib') | undefined;
const lib = (): typeof import('otplib') => (otplib ??= require('otplib') as typeof import('otplib'));

/** RFC 6238 with the parameters every authenticator app uses. */
const PERIOD = 30;
const DIGITS = 6;
/** One step of clock drift either way. */
const TOLERANCE_SECONDS = PERIOD;

export const ISSUER = 'dmp';

export function newTotpSecret(random?: (size: number) => Buffer): string {
  // 20 bytes in base32, as generateSecret makes them, when a seeded generator supplies the bytes.
  return random ? new (lib().ScureBase32Plugin)().encode(random(20)) : lib().generateSecret();
}

export function totpUri(username: string, secret: string): string {
  return lib().generateURI({ issuer: ISSUER, label: username, secret, period: PERIOD, digits: DIGITS });
}

export function totpCode(secret: string, at: Date): string {
  return lib().generateSync({ secret, epoch: Math.floor(at.getTime() / 1000), period: PERIOD, digits: DIGITS });
}

/** The time step a code was accepted at, or null. Steps at or before `afterStep` are replays. */
export function checkTotp(secret: string, code: string, at: Date, afterStep: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(at.getTime() / 1000);
  // Every step in the window was used already (the clock went back): all would be replays.
  // otplib throws for that case instead of refusing, so refuse here.
  if (afterStep >= Math.floor((epoch + TOLERANCE_SECONDS) / PERIOD)) return null;
  const result = lib().verifySync({
    secret,
    token: code,
    epoch,
    period: PERIOD,
    digits: DIGITS,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep > 0 ? { afterTimeStep: afterStep } : {}),
  });
  // The functional API's result type also covers HOTP; a TOTP success always carries timeStep.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

import { addMonths, isoDay } from '../util/dates.js';

/** The DMP shows 24 months of payer data, ending today. */
export const WINDOW_MONTHS = 24;

export interface Window {
  from: string;
  to: string;
}

export function defaultWindow(now: Date): Window {
  const to = isoDay(now);
  return { from: addMonths(to, -WINDOW_MONTHS), to };
}

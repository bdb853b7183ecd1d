import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_REGULAR = 'DejaVuSans.ttf';
export const FONT_BOLD = 'DejaVuSans-Bold.ttf';

/**
 * The directory of the shipped fonts (assets/fonts in the package). Found by walking up from
 * this module, which runs from src/summary (tests), dist/src/summary (compiled) or
 * dist/bundle (the bundled CLI): every layout has the package root above it.
 */
export function fontDir(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, FONT_REGULAR)) && existsSync(join(candidate, FONT_BOLD))) return candidate;
    if (dirname(dir) === dir) throw new Error(`The PDF fonts (assets/fonts/${FONT_REGULAR}) were not found above ${from}; the installation is incomplete.`);
  }
}

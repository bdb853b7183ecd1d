/**
 * The NIR (French social security number): 13 characters and a 2-digit key.
 * Key = 97 - (the 13 digits mod 97), with Corsica's 2A read as 19 and 2B as 18.
 */
export interface NirParts {
  sex: 'F' | 'M';
  provisional: boolean;
  year: string;
  month: string;
  place: string;
  order: string;
  key: string;
}

export type NirCheck = { ok: true; nir: string; parts: NirParts } | { ok: false; problem: string };

/** Removes the spaces, dots and dashes people type; upper-cases 2a/2b. */
export function normalizeNir(input: string): string {
  return input.replace(/[\s.\-\u00a0\u202f]/g, '').toUpperCase();
}

export function nirKey(first13: string): number {
  const digits = first13.replace(/^(.{5})2A/, '$119').replace(/^(.{5})2B/, '$118');
  return 97 - Number(BigInt(digits) % 97n);
}

export function checkNir(input: string): NirCheck {
  const nir = normalizeNir(input);
  if (nir.length !== 15) return { ok: false, problem: `it has ${nir.length} characters where a NIR has 15 (13 + a 2-digit key)` };
  if (!/^[1278]\d{4}(\d{2}|2A|2B)\d{6}\d{2}$/.test(nir)) {
    if (!/^[1278]/.test(nir)) return { ok: false, problem: 'its first digit (sex) must be 1 or 2, or 7 or 8 for a provisional number' };
    return { ok: false, problem: 'only digits are allowed, except 2A or 2B for a birth in Corsica (positions 6-7)' };
  }
  const month = Number(nir.slice(3, 5));
  const monthOk = (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99);
  if (!monthOk) return { ok: false, problem: `its month of birth "${nir.slice(3, 5)}" is not 01-12 (nor 20-42 or 50-99 for an incomplete civil record)` };
  const expected = nirKey(nir.slice(0, 13));
  const key = Number(nir.slice(13));
  if (key !== expected) {
    return { ok: false, problem: `its key is ${nir.slice(13)} but the first 13 characters give key ${String(expected).padStart(2, '0')}` };
  }
  const sexDigit = nir[0]!;
  return {
    ok: true,
    nir,
    parts: {
      sex: sexDigit === '1' || sexDigit === '7' ? 'M' : 'F',
      provisional: sexDigit === '7' || sexDigit === '8',
      year: nir.slice(1, 3),
      month: nir.slice(3, 5),
      place: nir.slice(5, 10),
      order: nir.slice(10, 13),
      key: nir.slice(13),
    },
  };
}

/** "1 80 01 75 056 001 03", as the number is usually printed. */
export function formatNir(nir: string): string {
  return [nir.slice(0, 1), nir.slice(1, 3), nir.slice(3, 5), nir.slice(5, 7), nir.slice(7, 10), nir.slice(10, 13), nir.slice(13)].join(' ');
}

/** The quirks `dmp seed --csv-out` can write (kept apart so the CLI knows them without loading the generators). */
export const VARIANTS = ['bom', 'cp1252', 'comma', 'tab', 'preamble', 'nbsp', 'overlap', 'twins', 'invalid', 'family'] as const;
export type Variant = (typeof VARIANTS)[number];

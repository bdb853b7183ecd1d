/**
 * Control characters shown as text: C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F) become
 * `\x1b`, `\x07`... so a stored title cannot move the cursor, clear the screen or retitle the
 * terminal. `keep` lists the characters allowed through as they are (a tab in a text body,
 * newlines where a value may span lines).
 */
export function escapeControls(text: string, keep: { tab?: boolean; newline?: boolean } = {}): string {
  return text.replace(CONTROLS, (c) => {
    if ((c === '\t' && keep.tab) || (c === '\n' && keep.newline)) return c;
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

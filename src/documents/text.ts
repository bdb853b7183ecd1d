/**
 * The searchable text of a document's bytes. `source` says where it lives: 'bytes' when the
 * bytes are themselves UTF-8 text (nothing more is stored), 'text' when it had to be decoded or
 * extracted (stored beside the bytes), 'none' for images and other binaries.
 */
export interface ExtractedText {
  source: 'bytes' | 'text' | 'none';
  text: string | null;
  /** A reason the text could not be read (a damaged or protected PDF), for the person. */
  warning?: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BOM = '\uFEFF';

/** Text files: UTF-8 (with or without BOM), else Windows-1252 when the bytes look like text. */
export async function decodeText(bytes: Uint8Array): Promise<ExtractedText | null> {
  if (bytes.includes(0)) return null;
  try {
    const text = UTF8.decode(bytes);
    if (!text.startsWith(BOM) && !hasControlChars(text)) return { source: 'bytes', text: null };
    const clean = text.replace(/^\uFEFF/, '');
    return hasControlChars(clean) ? null : { source: 'text', text: clean };
  } catch {
    // Node's own TextDecoder reads windows-1252 as Latin-1 (no €, œ), hence iconv-lite, loaded only here.
    const { default: iconv } = await import('iconv-lite');
    const text = iconv.decode(Buffer.from(bytes), 'win1252');
    return hasControlChars(text) ? null : { source: 'text', text };
  }
}

/** Control characters other than tab, newline, carriage return and form feed mean binary. */
function hasControlChars(text: string): boolean {
  return /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/** The text of every page of a PDF. pdf.js is loaded only here: it is heavy and rarely needed. */
export async function pdfText(bytes: Uint8Array): Promise<ExtractedText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
    try {
      const pages: string[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
        page.cleanup();
      }
      const text = pages.join('\n').replace(/[ \t]+\n/g, '\n').trim();
      return text ? { source: 'text', text } : { source: 'none', text: null, warning: 'the PDF has no text layer (a scan?)' };
    } finally {
      await doc.destroy();
    }
  } catch (err) {
    const reason = err instanceof Error && err.name === 'PasswordException' ? 'the PDF is password-protected' : 'the PDF could not be read';
    return { source: 'none', text: null, warning: reason };
  }
}

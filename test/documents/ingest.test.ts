import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileContent, formatSize, parseSize, typedContent } from '../../src/documents/ingest.js';
import { decodeText, pdfText } from '../../src/documents/text.js';
import { closestTypes, findType, resolveType, typesIn } from '../../src/documents/taxonomy.js';
import { fixture, fixtureSha } from './helpers.js';

describe('fileContent', () => {
  it('detects the MIME type from the bytes, not the name', async () => {
    const png = await fileContent(readFileSync(fixture('photo.png')));
    expect(png).toMatchObject({ mimeType: 'image/png', sha256: fixtureSha('photo.png'), text: { source: 'none', text: null } });
    const pdf = await fileContent(readFileSync(fixture('radiologie.pdf')));
    expect(pdf.mimeType).toBe('application/pdf');
    expect(pdf.text.text).toBe('Compte rendu radiologie thorax\npneumothorax absent');
  });

  it('reads UTF-8 text as its own bytes and decodes Windows-1252', async () => {
    const utf = await fileContent(readFileSync(fixture('ordonnance-utf8.txt')));
    expect(utf).toMatchObject({ mimeType: 'text/plain; charset=utf-8', text: { source: 'bytes', text: null } });
    const cp = await fileContent(readFileSync(fixture('synthese-cp1252.txt')));
    expect(cp.mimeType).toBe('text/plain; charset=windows-1252');
    expect(cp.text.text).toBe('Synthèse médicale : état général préservé, fièvre à 38°C.\r\n');
  });

  it('reads XML (a CDA document) as searchable text', async () => {
    const xml = await fileContent(Buffer.from('<?xml version="1.0"?><ClinicalDocument>Synthèse</ClinicalDocument>'));
    expect(xml).toMatchObject({ mimeType: 'application/xml', text: { source: 'bytes' } });
  });

  it('keeps unknown binaries as application/octet-stream with no text', async () => {
    const bin = await fileContent(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10]));
    expect(bin).toMatchObject({ mimeType: 'application/octet-stream', text: { source: 'none' } });
  });
});

describe('decodeText', () => {
  it('strips a UTF-8 BOM into stored text, and reads € and œ in Windows-1252', async () => {
    expect(await decodeText(Buffer.from('\uFEFFœuf', 'utf8'))).toEqual({ source: 'text', text: 'œuf' });
    expect(await decodeText(Buffer.from([0x80, 0x20, 0x9c, 0x75, 0x66]))).toEqual({ source: 'text', text: '€ œuf' });
    expect(await decodeText(Buffer.from([0x41, 0x00, 0x42]))).toBeNull();
  });
});

describe('pdfText', () => {
  it('reports a damaged PDF instead of failing', async () => {
    const broken = await pdfText(Buffer.from('%PDF-1.4\nthis is not really a pdf\n%%EOF\n'));
    expect(broken).toMatchObject({ source: 'none', text: null, warning: 'the PDF could not be read' });
  });
});

describe('typedContent', () => {
  it('is UTF-8 bytes searchable as they are', () => {
    const c = typedContent('Synthèse');
    expect(c.bytes.toString('utf8')).toBe('Synthèse');
    expect(c.text.source).toBe('bytes');
    expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('sizes', () => {
  it('parses binary units and refuses nonsense', () => {
    expect(parseSize('50MiB')).toBe(50 * 1024 * 1024);
    expect(parseSize('200k')).toBe(204800);
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize('1.5 GB')).toBe(1.5 * 1024 ** 3);
    for (const bad of ['', 'ten', '0', '-5', '5 parsecs', '1constructor', '1__proto__']) expect(() => parseSize(bad), bad).toThrow(/is not a size/);
    expect(formatSize(639)).toBe('639 B');
    expect(formatSize(2048)).toBe('2.0 KiB');
  });
});

describe('taxonomy', () => {
  it('has the six categories with the 31 national sub-types, and the patient types', () => {
    const counts = Object.fromEntries(['syntheses', 'treatments', 'reports', 'imaging', 'biology', 'prevention', 'patient'].map((c) => [c, typesIn(c as never).length]));
    expect(counts).toEqual({ syntheses: 2, treatments: 8, reports: 15, imaging: 2, biology: 2, prevention: 2, patient: 3 });
    const all = typesIn();
    expect(new Set(all.map((t) => t.slug)).size).toBe(all.length);
    expect(new Set(all.map((t) => t.code)).size).toBe(all.length);
  });

  it('finds a type by code, slug (any case) or pre-2017 code', () => {
    expect(findType('34112-3')?.slug).toBe('cr-sejour');
    expect(findType('CR-Sejour')?.code).toBe('34112-3');
    // Names of Object's own members are not document types (they used to crash the lookup).
    for (const odd of ['constructor', '__proto__', 'toString']) expect(findType(odd), odd).toBeUndefined();
    expect(findType('exppat_3')?.code).toBe('EXPPAT_3');
    expect(findType('11493-4')?.code).toBe('34112-3');
    expect(findType('29551-9')?.code).toBe('57833-6');
    expect(findType('nope')).toBeUndefined();
  });

  it('suggests the closest sub-types for a typo', () => {
    expect(closestTypes('cr-anestesie', 3)[0]?.code).toBe('77436-4');
    expect(closestTypes('operatoire', 3).map((t) => t.slug)).toContain('cr-operatoire');
    expect(() => resolveType('ordonnance')).toThrow(/"ordonnance" is not a document type/);
  });
});

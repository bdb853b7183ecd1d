import { join } from 'node:path';
import { isoDay } from '../util/dates.js';
import { FONT_BOLD, FONT_REGULAR, fontDir } from './fonts.js';
import { categoryLabel, day, LABELS, type Lang } from './pdf-labels.js';
import type { Summary } from './summary.js';

/**
 * The one- or two-page summary for a doctor, as PDF bytes. pdfkit is loaded here only. The
 * text is set in DejaVu Sans (shipped in assets/fonts), so every accent is the right glyph;
 * the metadata holds the title only (no name, no NIR), dmp as creator, and the date.
 */
export async function summaryPdf(s: Summary, lang: Lang, now: Date): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const fonts = fontDir();
  const L = LABELS[lang];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    font: join(fonts, FONT_REGULAR),
    info: { Title: L.title, Creator: 'dmp', Producer: 'dmp', CreationDate: now },
  });
  doc.registerFont('regular', join(fonts, FONT_REGULAR));
  doc.registerFont('bold', join(fonts, FONT_BOLD));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const p = s.person;
  doc.font('bold').fontSize(18).text(L.title);
  doc.moveDown(0.3).font('bold').fontSize(13).text(`${p.givenName} ${p.familyName}`, { continued: true });
  doc.font('regular').fontSize(11).text(`  ${L.sex[p.sex]}, ${L.born} ${day(p.birthDate, lang)} (${p.age} ${L.years})${p.nirMasked ? `, ${L.nir} ${p.nirMasked}` : ''}`);
  doc.moveDown(0.8);

  // Allergies first, framed in red: the one thing a doctor must not miss.
  const h = s.health;
  const top = doc.y;
  doc.fillColor('#b00000').font('bold').fontSize(13).text(L.allergies, 60, top + 8);
  doc.font('regular').fontSize(11);
  if (h.allergies.length === 0) doc.fillColor('black').text(L.noAllergy, 60);
  for (const a of h.allergies) {
    doc.font('bold').text(a.substance, 60, undefined, { continued: true }).font('regular');
    doc.text([a.reaction, a.severity ? L.severity[a.severity] : null, a.since ? `${L.since} ${day(a.since, lang)}` : null].filter(Boolean).map((x) => ` — ${x}`).join(''));
  }
  const bottom = doc.y + 6;
  doc.lineWidth(2).strokeColor('#b00000').rect(50, top, doc.page.width - 100, bottom - top).stroke();
  doc.fillColor('black').strokeColor('black').lineWidth(1).text('', 50, bottom + 12);

  const section = (title: string, lines: string[]) => {
    doc.moveDown(0.6).font('bold').fontSize(12).text(title, 50);
    doc.font('regular').fontSize(10);
    if (lines.length === 0) doc.fillColor('#666666').text(L.none).fillColor('black');
    for (const line of lines) doc.text(`• ${line}`, { indent: 8 });
  };
  section(L.conditions, h.conditions.map((c) => `${c.name}${c.since ? ` (${L.since} ${day(c.since, lang)})` : ''}`));
  section(L.medications, h.medications.map((m) => `${m.name}${m.dose ? `, ${m.dose}` : ''} (${m.origin === 'prescribed' ? L.prescribed : L.otc})`));

  doc.moveDown(0.6).font('bold').fontSize(12).text(L.labs, 50);
  doc.font('regular').fontSize(10);
  if (h.latestLabs.length === 0) doc.fillColor('#666666').text(L.none).fillColor('black');
  for (const l of h.latestLabs) {
    const num = (v: string | null) => (v === null ? '…' : lang === 'fr' ? v.replace('.', ',') : v);
    const range = l.low !== null || l.high !== null ? ` (${L.range} ${num(l.low)}–${num(l.high)})` : '';
    const value = `${num(l.value)}${l.unit ? ` ${l.unit}` : ''}`;
    doc.text(`• ${day(l.date, lang)}  ${l.analyte} : ${value}${range}`, { indent: 8, continued: Boolean(l.flag) });
    if (l.flag) doc.font('bold').fillColor('#b00000').text(`  ${l.flag === 'high' ? L.high : L.low}`).font('regular').fillColor('black');
  }
  section(L.measurements, h.latestMeasurements.map((m) => `${day(m.date, lang)}  ${m.type} : ${m.value} ${m.unit}`));
  section(L.vaccinations, h.vaccinations.map((v) => `${day(v.date, lang)}  ${v.vaccine}${v.dose ? `, ${L.dose} ${v.dose}` : ''}${v.lot ? `, lot ${v.lot}` : ''}`));
  section(
    L.documents,
    s.documents.byCategory.filter((c) => c.count > 0).map((c) => `${categoryLabel(c.category, lang)} (${c.count}) : ${c.latest.map((d) => `${day(d.date, lang)} ${d.title.replace(/[\p{Cc}\p{Cf}]/gu, " ")}`).join(' ; ')}`),
  );

  doc.moveDown(1.2).fontSize(8).fillColor('#666666').text(`${L.made} ${day(isoDay(now), lang)} ${L.by}`, 50);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

import { chmodSync, copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { addText, fixture, fixtureSha, sha256 } from './helpers.js';

describe('docs add, list, show, search, export: the done-when scenario', () => {
  it('adds a typed document, a PDF, an image and stdin text; finds them; exports the same bytes', async () => {
    const rec = await loggedInRecord();
    const typed = await rec.run(['docs', 'add', '--type', 'synthese', '--title', 'Synthèse annuelle', '--text', 'Patiente en bonne santé, tension normale.', '--author', 'Dr Élise Martin', '--date', '2026-01-10', '--json']);
    expect(typed.code).toBe(0);
    expect(typed.json()).toMatchObject({ typeCode: 'SYNTH', category: 'syntheses', title: 'Synthèse annuelle', date: '2026-01-10', mimeType: 'text/plain; charset=utf-8', masked: false, archived: false });

    const pdf = await rec.run(['docs', 'add', '--type', '18748-4', '--file', fixture('radiologie.pdf'), '--org', 'CHU de Nantes', '--json']);
    expect(pdf.code).toBe(0);
    expect(pdf.json()).toMatchObject({ typeCode: '18748-4', category: 'imaging', title: 'radiologie.pdf', fileName: 'radiologie.pdf', mimeType: 'application/pdf', sha256: fixtureSha('radiologie.pdf'), date: '2026-11-26' });

    const png = await rec.run(['docs', 'add', '--type', 'image-illustration', '--title', 'Photo grain de beauté', '--file', fixture('photo.png'), '--json']);
    expect(png.json()).toMatchObject({ mimeType: 'image/png', typeCode: '52040-3', sha256: fixtureSha('photo.png') });

    const piped = await rec.run(['docs', 'add', '--type', 'cr-consultation', '--title', 'Consultation', '--stdin', '--json'], { stdin: 'Angine blanche, streptocoque négatif.\n' });
    expect(piped.code).toBe(0);
    expect(piped.json().mimeType).toBe('text/plain; charset=utf-8');

    const list = await rec.run(['docs', 'list', '--json']);
    expect(list.json().map((d: { title: string }) => d.title)).toEqual(['Consultation', 'Photo grain de beauté', 'radiologie.pdf', 'Synthèse annuelle']);

    const search = async (q: string) => (await rec.run(['docs', 'search', q, '--json'])).json().map((h: { id: number }) => h.id);
    expect(await search('synthese')).toEqual([typed.json().id]);
    expect(await search('pneumothorax')).toEqual([pdf.json().id]);
    expect(await search('beaute')).toEqual([png.json().id]);
    expect(await search('streptocoque')).toEqual([piped.json().id]);
    expect(await search('martin')).toEqual([typed.json().id]);
    expect(await search('nantes')).toEqual([pdf.json().id]);

    const show = await rec.run(['docs', 'show', String(pdf.json().id)]);
    expect(show.stdout).toContain('pneumothorax absent');
    expect(show.stdout).toMatch(/mime\tapplication\/pdf/);

    for (const [id, name] of [[pdf.json().id, 'radiologie.pdf'], [png.json().id, 'photo.png']] as const) {
      const out = await rec.run(['docs', 'export', String(id)]);
      expect(out.code).toBe(0);
      expect(sha256(rec.lastStdout)).toBe(fixtureSha(name));
    }
    const typedOut = await rec.run(['docs', 'export', String(typed.json().id)]);
    expect(rec.lastStdout.toString('utf8')).toBe('Patiente en bonne santé, tension normale.');
    expect(typedOut.code).toBe(0);
  });
});

describe('text files', () => {
  it('reads Windows-1252 and UTF-8 files, keeps their bytes, finds words with or without accents', async () => {
    const rec = await loggedInRecord();
    const cp = await rec.run(['docs', 'add', '--type', 'synthese', '--file', fixture('synthese-cp1252.txt'), '--json']);
    expect(cp.json().mimeType).toBe('text/plain; charset=windows-1252');
    const utf = await rec.run(['docs', 'add', '--type', 'prescription-medicaments', '--file', fixture('ordonnance-utf8.txt'), '--json']);
    expect(utf.json().mimeType).toBe('text/plain; charset=utf-8');
    const ids = async (q: string) => (await rec.run(['docs', 'search', q, '--json'])).json().map((h: { id: number }) => h.id);
    expect(await ids('fievre')).toEqual(expect.arrayContaining([cp.json().id, utf.json().id]));
    expect(await ids('état général')).toEqual([cp.json().id]);
    expect(await ids('reevaluation')).toEqual([utf.json().id]);
    const show = await rec.run(['docs', 'show', String(cp.json().id), '--json']);
    expect(show.json().preview).toContain('Synthèse médicale');
    await rec.run(['docs', 'export', String(cp.json().id)]);
    expect(sha256(rec.lastStdout)).toBe(fixtureSha('synthese-cp1252.txt'));
  });
});

describe('relative paths and unreadable PDFs', () => {
  it('reads a relative --file from the current directory', async () => {
    const rec = await loggedInRecord();
    copyFileSync(fixture('ordonnance-utf8.txt'), join(rec.dir, 'ordo.txt'));
    const r = await rec.run(['docs', 'add', '--type', 'prescription-medicaments', '--file', 'ordo.txt', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().fileName).toBe('ordo.txt');
  });

  it('stores a damaged PDF, says its text could not be read, and finds it by title', async () => {
    const rec = await loggedInRecord();
    const path = join(rec.dir, 'abime.pdf');
    writeFileSync(path, '%PDF-1.4\nnot really a pdf\n%%EOF\n');
    const r = await rec.run(['docs', 'add', '--type', 'cr-imagerie', '--file', path, '--title', 'Scanner abîmé', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Note: the PDF could not be read; the document is stored and found by its title, author and organisation only.');
    expect((await rec.run(['docs', 'search', 'abime', '--json'])).json()).toHaveLength(1);
  });
});

describe('standard input', () => {
  it('takes any bytes, detects their type, and keeps them exactly', async () => {
    const rec = await loggedInRecord();
    const png = readFileSync(fixture('photo.png'));
    const r = await rec.run(['docs', 'add', '--type', 'image-illustration', '--stdin', '--title', 'Photo', '--masked', '--json'], { stdin: png });
    expect(r.json()).toMatchObject({ mimeType: 'image/png', masked: true, fileName: null, size: png.length });
    await rec.run(['docs', 'export', String(r.json().id)]);
    expect(rec.lastStdout.equals(png)).toBe(true);
  });
});

describe('duplicates', () => {
  it('stores the same bytes once and says which document already has them', async () => {
    const rec = await loggedInRecord();
    const first = await rec.run(['docs', 'add', '--type', 'cr-imagerie', '--file', fixture('radiologie.pdf'), '--json']);
    const second = await rec.run(['docs', 'add', '--type', 'cr-imagerie', '--file', fixture('radiologie.pdf')]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`These exact bytes are already document ${first.json().id}; nothing was added.`);
    expect((await rec.run(['docs', 'list', '--json'])).json()).toHaveLength(1);

    const forced = await rec.run(['docs', 'add', '--type', 'cr-imagerie', '--file', fixture('radiologie.pdf'), '--allow-duplicate', '--json']);
    expect(forced.code).toBe(0);
    expect(forced.json().id).not.toBe(first.json().id);
    expect((await rec.run(['docs', 'list', '--json'])).json()).toHaveLength(2);

    // Deleting one copy keeps the bytes the other still uses.
    await rec.run(['docs', 'rm', String(first.json().id), '--yes']);
    await rec.run(['docs', 'export', String(forced.json().id)]);
    expect(sha256(rec.lastStdout)).toBe(fixtureSha('radiologie.pdf'));
    expect((await rec.run(['docs', 'search', 'pneumothorax', '--json'])).json()).toHaveLength(1);
  });
});

describe('docs types', () => {
  it('prints the taxonomy with codes, labels and slugs', async () => {
    const rec = await loggedInRecord();
    const all = (await rec.run(['docs', 'types', '--json'])).json();
    expect(all.filter((t: { category: string }) => t.category !== 'patient')).toHaveLength(31);
    expect(all).toContainEqual({ code: '34133-9', category: 'syntheses', label: "Synthèse d'épisode de soins", labelEn: 'Summary of episode of care', slug: 'synthese-episode' });
    const imaging = (await rec.run(['docs', 'types', '--category', 'imaging', '--json'])).json();
    expect(imaging.map((t: { code: string }) => t.code)).toEqual(['18748-4', '52040-3']);
    const bad = await rec.run(['docs', 'types', '--category', 'radiology']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"radiology" is not a document category.');
  });

  it('reads a pre-2017 code as today\'s sub-type', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['docs', 'add', '--type', '11528-7', '--text', 'Radio', '--json']);
    expect(r.json()).toMatchObject({ typeCode: '18748-4', category: 'imaging' });
  });
});

describe('list and search filters', () => {
  async function seeded() {
    const rec = await loggedInRecord();
    const a = await addText(rec, 'Bilan sanguin normal, cholestérol bas.', ['--type', 'cr-biologie', '--title', 'Bilan', '--date', '2025-03-01', '--author', 'Dr Lefèvre']);
    const b = await addText(rec, 'Radio du thorax normale.', ['--type', 'cr-imagerie', '--title', 'Radio', '--date', '2025-06-01', '--masked']);
    const c = await addText(rec, 'Synthèse normale de l\'année.', ['--title', 'Synthèse', '--date', '2026-01-01', '--author', 'Dr Martin']);
    return { rec, a, b, c };
  }
  const ids = (r: { json(): { id: number }[] }) => r.json().map((d) => d.id);

  it('filters by category, type, dates, author, masked, and limits', async () => {
    const { rec, a, b, c } = await seeded();
    expect(ids(await rec.run(['docs', 'list', '--json']))).toEqual([c, b, a]);
    expect(ids(await rec.run(['docs', 'list', '--category', 'biology', '--json']))).toEqual([a]);
    expect(ids(await rec.run(['docs', 'list', '--type', 'cr-imagerie', '--json']))).toEqual([b]);
    expect(ids(await rec.run(['docs', 'list', '--from', '2025-04-01', '--to', '2025-12-31', '--json']))).toEqual([b]);
    expect(ids(await rec.run(['docs', 'list', '--author', 'lefevre', '--json']))).toEqual([a]);
    expect(ids(await rec.run(['docs', 'list', '--masked', '--json']))).toEqual([b]);
    expect(ids(await rec.run(['docs', 'list', '--limit', '2', '--json']))).toEqual([c, b]);
    expect(ids(await rec.run(['docs', 'search', 'normale', '--category', 'imaging', '--json']))).toEqual([b]);
    expect(ids(await rec.run(['docs', 'search', 'normal*', '--from', '2025-05-01', '--json']))).toHaveLength(2);
    expect(ids(await rec.run(['docs', 'search', 'normal*', '--limit', '1', '--json']))).toHaveLength(1);
  });

  it('hides archived documents unless --archived, and restores them', async () => {
    const { rec, a } = await seeded();
    expect((await rec.run(['docs', 'archive', String(a)])).code).toBe(0);
    expect(ids(await rec.run(['docs', 'list', '--json']))).not.toContain(a);
    expect(ids(await rec.run(['docs', 'search', 'cholesterol', '--json']))).toEqual([]);
    expect(ids(await rec.run(['docs', 'list', '--archived', '--json']))).toEqual([a]);
    expect(ids(await rec.run(['docs', 'search', 'cholesterol', '--archived', '--json']))).toEqual([a]);
    await rec.run(['docs', 'restore', String(a)]);
    expect(ids(await rec.run(['docs', 'search', 'cholesterol', '--json']))).toEqual([a]);
  });

  it('ranks a title match above a body match and highlights on a terminal', async () => {
    const rec = await loggedInRecord();
    const body = await addText(rec, 'Le scanner montre une lésion. Pas de thorax.', ['--title', 'Compte rendu']);
    const title = await addText(rec, 'Rien de particulier.', ['--title', 'Scanner abdominal']);
    // Documents without the word, so that it is rare enough to score (bm25's IDF).
    for (const t of ['Radio', 'Bilan', 'Ordonnance']) await addText(rec, `${t} sans rapport.`, ['--title', t]);
    const hits = (await rec.run(['docs', 'search', 'scanner', '--json'])).json();
    expect(hits.map((h: { id: number }) => h.id)).toEqual([title, body]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
    expect(hits[1].snippet).toContain('Le scanner montre une lésion');
    const tty = await rec.run(['docs', 'search', 'lesion'], { tty: true, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(tty.stdout).toContain('\u001b[1m\u001b[33mlésion');
    const piped = await rec.run(['docs', 'search', 'lesion']);
    expect(piped.stdout).toMatch(/^id\tdate\ttype\ttitle\tsnippet\tscore\n/);
    expect(piped.stdout).not.toContain('\u001b');
  });

  it('finds every word a prefix stands for, ranked and highlighted', async () => {
    const rec = await loggedInRecord();
    const a = await addText(rec, 'Radiographie du genou.');
    const b = await addText(rec, 'Avis de radiologie.');
    await addText(rec, 'Échographie abdominale.');
    const hits = (await rec.run(['docs', 'search', 'RADIO*', '--json'])).json() as { id: number; snippet: string }[];
    expect(hits.map((h) => h.id).sort()).toEqual([a, b].sort());
    expect(hits.map((h) => h.snippet).sort()).toEqual(['Avis de radiologie.', 'Radiographie du genou.']);
    expect((await rec.run(['docs', 'search', 'radio*', '-genou', '--json'])).json().map((h: { id: number }) => h.id)).toEqual([b]);
  });

  it('says so when nothing matches (JSON: [])', async () => {
    const rec = await loggedInRecord();
    await addText(rec, 'Texte');
    expect((await rec.run(['docs', 'search', 'absent', '--json'])).stdout.trim()).toBe('[]');
    const human = await rec.run(['docs', 'search', 'absent']);
    expect(human.code).toBe(0);
    expect(human.stderr).toContain('No document matches "absent".');
  });

  it('keeps documents per patient (--patient)', async () => {
    const rec = await loggedInRecord();
    const child = await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M', '--json']);
    const mine = await addText(rec, 'Vaccin grippe adulte');
    const his = await rec.run(['--patient', 'Léo DUPONT', 'docs', 'add', '--type', 'synthese', '--text', 'Vaccin ROR enfant', '--json']);
    expect(his.json().patientId).toBe(child.json().id);
    expect(ids(await rec.run(['docs', 'search', 'vaccin', '--json']))).toEqual([mine]);
    expect(ids(await rec.run(['docs', 'search', 'vaccin', '--patient', String(child.json().id), '--json']))).toEqual([his.json().id]);
    expect(ids(await rec.run(['--patient', 'leo dupont', 'docs', 'list', '--json']))).toEqual([his.json().id]);
  });

  it('takes -word unquoted as an exclusion, but refuses an unknown --flag', async () => {
    const rec = await loggedInRecord();
    const keep = await addText(rec, 'Radio du genou gauche');
    await addText(rec, 'Radio du genou droit');
    expect(ids(await rec.run(['docs', 'search', 'radio', 'genou', '-droit', '--json']))).toEqual([keep]);
    const typo = await rec.run(['docs', 'search', 'radio', '--limt', '3']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('dmp: Unknown option --limt.');
  });

  it('searches literally for text with FTS5 syntax in it', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, "Test covid-19 négatif ; l'évolution est bonne AND stable.");
    for (const q of ['covid-19', "l'évolution", 'AND', 'NEAR(', '"est bonne"', 'covid*', 'stable OR zzz', 'stable -zzz']) {
      const r = await rec.run(['docs', 'search', q, '--json']);
      expect(r.code, q).toBe(0);
      expect(ids(r), q).toEqual(q === 'NEAR(' ? [] : [id]);
    }
    for (const q of ['"', '*', '-stable']) {
      const r = await rec.run(['docs', 'search', '--', q]);
      expect(r.code, q).toBe(2);
      expect(r.stderr, q).toMatch(/dmp: The search .* (has no word to look for|only excludes words)/);
      expect(r.stderr).not.toMatch(/sqlite|fts5/i);
    }
  });
});

describe('show, edit, mask, archive, rm, reindex', () => {
  it('edits metadata, keeps the index in step, and audits it', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'Texte quelconque', ['--title', 'Ancien titre']);
    const r = await rec.run(['docs', 'edit', String(id), '--title', 'Échographie rénale', '--date', '2026-02-01', '--author', 'Dr Roux', '--org', 'Clinique', '--type', 'cr-imagerie', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ title: 'Échographie rénale', date: '2026-02-01', author: 'Dr Roux', org: 'Clinique', typeCode: '18748-4', category: 'imaging' });
    expect((await rec.run(['docs', 'search', 'echographie', '--json'])).json()).toHaveLength(1);
    expect((await rec.run(['docs', 'search', 'ancien', '--json'])).json()).toHaveLength(0);
    expect((await rec.run(['docs', 'search', 'roux', '--json'])).json()).toHaveLength(1);
    const cleared = await rec.run(['docs', 'edit', String(id), '--author', '', '--json']);
    expect(cleared.json().author).toBeNull();
    expect((await rec.run(['docs', 'search', 'roux', '--json'])).json()).toHaveLength(0);
    const audit = (await rec.run(['audit', '--json'])).json() as { action: string; target: string; details: Record<string, unknown> }[];
    const edits = audit.filter((a) => a.action === 'document.edit');
    expect(edits).toHaveLength(2);
    // Which fields changed, and the type; never the titles, author or organisation themselves.
    expect(edits[0]!.details).toEqual({ changed: ['title', 'date', 'author', 'org', 'typeCode'], typeCode: { from: 'SYNTH', to: '18748-4' } });
    expect(JSON.stringify(audit)).not.toMatch(/Ancien titre|Échographie|Roux|Clinique/);
  });

  it('masks and unmasks, audited, and says when nothing changes', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'Texte');
    expect((await rec.run(['docs', 'mask', String(id), '--json'])).json().masked).toBe(true);
    const again = await rec.run(['docs', 'mask', String(id)]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Document ${id} is already masked; nothing changed.`);
    expect((await rec.run(['docs', 'unmask', String(id), '--json'])).json().masked).toBe(false);
    const actions = ((await rec.run(['audit', '--json'])).json() as { action: string }[]).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('document.'))).toEqual(['document.add', 'document.mask', 'document.unmask']);
  });

  it('rm asks on a terminal, needs --yes otherwise, and deletes for good', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'A supprimer');
    const piped = await rec.run(['docs', 'rm', String(id)]);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain(`Deleting document ${id} needs confirmation.`);
    expect(piped.stderr).toContain('Pass --yes');
    const no = await rec.run(['docs', 'rm', String(id)], { tty: true, answers: [false] });
    // Saying no is an answer: exit 0 and a clear line (130 is for Ctrl-C only).
    expect(no.code).toBe(0);
    expect(no.stderr).toBe('Not deleted; nothing changed.\n');
    expect((await rec.run(['docs', 'show', String(id)])).code).toBe(0);
    const yes = await rec.run(['docs', 'rm', String(id)], { tty: true, answers: [true] });
    expect(yes.code).toBe(0);
    expect((await rec.run(['docs', 'show', String(id)])).code).toBe(4);
    expect((await rec.run(['docs', 'search', 'supprimer', '--json'])).json()).toEqual([]);
    const actions = ((await rec.run(['audit', '--json'])).json() as { action: string }[]).map((a) => a.action);
    expect(actions).toContain('document.remove');
    const removal = ((await rec.run(['audit', '--json'])).json() as { action: string; details: Record<string, unknown> }[]).find((a) => a.action === 'document.remove')!;
    expect(Object.keys(removal.details).sort()).toEqual(['sha256', 'typeCode']);
  });

  it('reindex rebuilds the index and search still works', async () => {
    const rec = await loggedInRecord();
    await addText(rec, 'Hémoglobine glyquée');
    const r = await rec.run(['docs', 'reindex', '--json']);
    expect(r.json()).toEqual({ documents: 1 });
    expect((await rec.run(['docs', 'search', 'hemoglobine', '--json'])).json()).toHaveLength(1);
  });

  it('unknown ids exit 4 for every verb', async () => {
    const rec = await loggedInRecord();
    for (const verb of ['show', 'export', 'mask', 'unmask', 'archive', 'restore', 'rm', 'edit']) {
      const extra = verb === 'rm' ? ['--yes'] : verb === 'edit' ? ['--title', 'x'] : verb === 'export' ? ['-o', join(rec.dir, 'x')] : [];
      const r = await rec.run(['docs', verb, '999', ...extra]);
      expect(r.code, verb).toBe(4);
      expect(r.stderr, verb).toContain('There is no document 999 in this record.');
    }
    const bad = await rec.run(['docs', 'show', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"abc" is not a valid document id.');
  });

  it('needs a session', async () => {
    const rec = await loggedInRecord();
    await rec.run(['logout']);
    const r = await rec.run(['docs', 'list']);
    expect(r.code).toBe(3);
  });
});

describe('export', () => {
  it('writes -o PATH, never overwrites without --force', async () => {
    const rec = await loggedInRecord();
    const id = (await rec.run(['docs', 'add', '--type', 'cr-imagerie', '--file', fixture('radiologie.pdf'), '--json'])).json().id;
    const out = join(rec.dir, 'out.pdf');
    const first = await rec.run(['docs', 'export', String(id), '-o', out]);
    expect(first.code).toBe(0);
    expect(sha256(readFileSync(out))).toBe(fixtureSha('radiologie.pdf'));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    writeFileSync(out, 'keep me', { mode: 0o644 });
    chmodSync(out, 0o644);
    const again = await rec.run(['docs', 'export', String(id), '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${out} already exists.`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await rec.run(['docs', 'export', String(id), '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(sha256(readFileSync(out))).toBe(fixtureSha('radiologie.pdf'));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const nowhere = await rec.run(['docs', 'export', String(id), '-o', join(rec.dir, 'no-such-dir', 'x.pdf')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain(`dmp: Cannot write ${join(rec.dir, 'no-such-dir', 'x.pdf')}: its folder does not exist.`);
  });

  it('refuses to write bytes to a terminal without -o', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'Texte');
    const r = await rec.run(['docs', 'export', String(id)], { tty: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Standard output is a terminal');
    expect(r.stderr).toContain('Pass -o PATH');
    expect(r.stdout).toBe('');
  });
});

describe('interactive add', () => {
  it('picks the category and sub-type from lists and takes the text from the editor', async () => {
    const rec = await loggedInRecord();
    const types = (await rec.run(['docs', 'types', '--category', 'biology', '--json'])).json();
    const r = await rec.run(['docs', 'add', '--json'], { tty: true, answers: ['biology', types[1], 'Glycémie à jeun 0,95 g/L', 'Bilan glycémie'] });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ typeCode: '11502-2', category: 'biology', title: 'Bilan glycémie' });
    expect((await rec.run(['docs', 'search', 'glycemie', '--json'])).json()).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate, parseQuantity, parseRate } from '../../src/reimbursements/cells.js';
import { matchHeader } from '../../src/reimbursements/columns.js';
import { formatEuros } from '../../src/reimbursements/money.js';
import { splitName } from '../../src/reimbursements/rows.js';
import { addCommand } from '../../src/cli/commands/reimbursements/row-hints.js';
import { matchSection } from '../../src/reimbursements/sections.js';

describe('amounts', () => {
  it.each([
    ['12,50', 1250],
    ['12,5', 1250],
    ['12', 1200],
    ['12,50 €', 1250],
    ['12,50€', 1250],
    ['€12,50', 1250],
    ['€ 12,50', 1250],
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['1\u202f234,56', 123456],
    ['1 234 567,89 €', 123456789],
    ['-3,00', -300],
    ['-3,00 €', -300],
    ['  0,00  ', 0],
    ['0,07', 7],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseAmount(text, true)).toBe(cents);
  });

  it('reads a dot decimal only when the delimiter is not a comma', () => {
    expect(parseAmount('12.50', true)).toBe(1250);
    expect(parseAmount('12.50', false)).toBeNaN();
  });

  it.each(['douze euros', '12,5,0', '', '€', '12,505', '12 34,00', '1234 567,00', ',50', '12,', '12 € €', '1.234,56', '12,50 $', '--3'])(
    'refuses %j',
    (text) => {
      expect(parseAmount(text, true)).toBeNaN();
    },
  );
});

describe('rates, quantities, dates', () => {
  it.each([
    ['70', 7000],
    ['70 %', 7000],
    ['70%', 7000],
    ['70,0', 7000],
    ['0', 0],
    ['100', 10000],
    ['65,5', 6550],
  ])('reads the rate %j as %i hundredths of a percent', (text, bp) => {
    expect(parseRate(text, true)).toBe(bp);
  });

  it.each(['soixante-dix', '-10', '70 € ', '%'])('refuses the rate %j', (text) => {
    expect(parseRate(text, true)).toBeNaN();
  });

  it('reads quantities as positive whole numbers', () => {
    expect(parseQuantity('1')).toBe(1);
    expect(parseQuantity(' 12 ')).toBe(12);
    for (const bad of ['0', '-1', '1,5', 'deux', '']) expect(parseQuantity(bad)).toBeNaN();
  });

  it('reads French and ISO dates, and refuses dates that do not exist', () => {
    expect(parseDate('05/01/2026')).toBe('2026-01-05');
    expect(parseDate('5/1/2026')).toBe('2026-01-05');
    expect(parseDate('2026-01-05')).toBe('2026-01-05');
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    for (const bad of ['31/02/2026', '29/02/2026', '2026-13-01', '05-01-2026', '05/01/26', 'hier', '']) expect(parseDate(bad)).toBeNull();
  });
});

describe('headers and sections', () => {
  it('matches header names after folding case, accents, punctuation and spacing', () => {
    const h = matchHeader(['DATE DES SOINS', 'date de soins', 'Categorie', "NATURE DE L'ACTE", 'Montant  payé', 'Remboursement Assurance Maladie', 'N° de décompte', 'Commentaire']);
    expect(h.index).toMatchObject({ careDate: 0, section: 2, label: 3, spent: 4, reimbursed: 5, reference: 6 });
    expect(h.missing).toEqual([]);
    expect(h.unknown).toEqual(['Commentaire']);
    expect(h.duplicates).toEqual([{ field: 'careDate', columns: [0, 1] }]);
  });

  it('names the required columns a header lacks', () => {
    expect(matchHeader(['Date', 'Rubrique', 'Acte', 'Montant']).missing).toEqual(['reimbursed']);
  });

  it('matches the five sections by label, with / or -, and by key', () => {
    expect(matchSection('Pharmacie / fournitures')).toBe('pharmacy');
    expect(matchSection('PHARMACIE - FOURNITURES')).toBe('pharmacy');
    expect(matchSection('soins medicaux et dentaires')).toBe('medical_dental');
    expect(matchSection('medical_dental')).toBe('medical_dental');
    expect(matchSection('Radiologie')).toBe('radiology');
    expect(matchSection('biology')).toBe('biology');
    expect(matchSection('Hospitalisation')).toBe('hospitalization');
    expect(matchSection('Optique')).toBeUndefined();
  });
});

describe('formatting and hints', () => {
  it('writes euros the French way', () => {
    expect(formatEuros(123456)).toBe('1 234,56 €');
    expect(formatEuros(5)).toBe('0,05 €');
    expect(formatEuros(-300)).toBe('-3,00 €');
    expect(formatEuros(123456789)).toBe('1 234 567,89 €');
  });

  it('suggests the patients add command with the capitalised words as the family name', () => {
    expect(splitName('Léo DUPONT')).toEqual({ givenName: 'Léo', familyName: 'DUPONT' });
    expect(splitName('DUPONT Léo')).toEqual({ givenName: 'Léo', familyName: 'DUPONT' });
    expect(addCommand(splitName('Anne Marie DE LA TOUR'))).toContain('--given-name "Anne Marie" --family-name "DE LA TOUR"');
    expect(addCommand({ givenName: 'A$(rm -rf)`x`', familyName: 'B"C' })).toContain('--given-name "A\\$(rm -rf)\\`x\\`" --family-name "B\\"C"');
  });
});

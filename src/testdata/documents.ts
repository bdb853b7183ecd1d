import type { CategoryKey } from '../documents/taxonomy.js';
import { PROFESSIONALS } from './places.js';
import type { Prng } from './prng.js';
import { textPdf } from './pdf.js';

export interface SeedDocument {
  person: number;
  typeCode: string;
  category: CategoryKey;
  title: string;
  date: string;
  author: string | null;
  org: string | null;
  masked: boolean;
  /** A text document's words, or the bytes of a PDF. */
  content: { text: string } | { pdf: Buffer; fileName: string };
}

interface Kind {
  typeCode: string;
  category: CategoryKey;
  title: string;
  org: string;
  lines: readonly (readonly string[])[];
}

/** Sentences picked one per line: enough variety for search to rank, all plausible French. */
const KINDS: readonly Kind[] = [
  { typeCode: 'SYNTH', category: 'syntheses', title: 'Synthèse médicale', org: 'Cabinet médical', lines: [
    ['Patient(e) suivi(e) depuis plusieurs années au cabinet.', 'Consultation de suivi annuel.'],
    ['Antécédents : appendicectomie dans l\'enfance.', 'Pas d\'antécédent chirurgical notable.', 'Asthme léger intermittent.'],
    ['Traitement habituel : aucun.', 'Traitement : salbutamol à la demande.', 'Vaccinations à jour.'],
    ['Tension artérielle 12/8, examen clinique sans particularité.', 'Poids stable, IMC normal.'] ] },
  { typeCode: '57833-6', category: 'treatments', title: 'Ordonnance', org: 'Cabinet médical', lines: [
    ['Paracétamol 1 g : un comprimé trois fois par jour pendant cinq jours.', 'Amoxicilline 1 g : matin et soir pendant six jours.'],
    ['Ne pas dépasser 3 g par jour.', 'À renouveler une fois.', 'Non substituable.'] ] },
  { typeCode: '57832-8', category: 'treatments', title: 'Prescription de kinésithérapie', org: 'Cabinet médical', lines: [
    ['Dix séances de rééducation du genou droit.', 'Rééducation lombaire, dix séances.'],
    ['À domicile si nécessaire.', 'En cabinet.'] ] },
  { typeCode: '11488-4', category: 'reports', title: 'Compte rendu de consultation', org: 'Cabinet médical', lines: [
    ['Motif : toux fébrile depuis trois jours.', 'Motif : douleurs abdominales.', 'Motif : certificat de sport.'],
    ['Auscultation pulmonaire : quelques crépitants à la base droite.', 'Abdomen souple, indolore.', 'Examen normal.'],
    ['Conclusion : pneumopathie probable, radiographie demandée.', 'Conclusion : gastro-entérite virale.', 'Pas de contre-indication à la pratique sportive.'] ] },
  { typeCode: '15507-7', category: 'reports', title: 'Passage aux urgences', org: 'CHU de Nantes', lines: [
    ['Admis(e) pour entorse de la cheville gauche.', 'Admis(e) pour plaie de la main.'],
    ['Radiographie : pas de fracture.', 'Suture par quatre points.'],
    ['Retour à domicile, contrôle chez le médecin traitant.'] ] },
  { typeCode: '34112-3', category: 'reports', title: 'Compte rendu d\'hospitalisation', org: 'Clinique Jules Verne', lines: [
    ['Séjour en chirurgie ambulatoire.', 'Hospitalisation de deux jours.'],
    ['Intervention sans complication.', 'Suites opératoires simples.'],
    ['Sortie avec antalgiques de palier 1.'] ] },
  { typeCode: '18748-4', category: 'imaging', title: 'Compte rendu d\'imagerie', org: "Centre d'imagerie Saint-Jacques", lines: [
    ['Radiographie du thorax de face.', 'Échographie abdominale.', 'Mammographie bilatérale de dépistage.'],
    ['Pas d\'anomalie décelable.', 'Opacité basale droite compatible avec une pneumopathie.', 'Foie de taille normale, homogène.'],
    ['Classification ACR 1.', 'À confronter à la clinique.'] ] },
  { typeCode: '11502-2', category: 'biology', title: 'Résultats d\'analyses', org: 'Laboratoire Cerballiance', lines: [
    ['Hémogramme : leucocytes 6,8 G/L, hémoglobine 13,9 g/dL.', 'Glycémie à jeun : 0,92 g/L (0,70 - 1,10).', 'TSH : 2,1 mUI/L (0,4 - 4,0).'],
    ['Cholestérol total : 2,14 g/L.', 'Créatinine : 78 µmol/L.', 'CRP : 3 mg/L.'],
    ['Résultats validés par le biologiste.'] ] },
  { typeCode: '75492-9', category: 'prevention', title: 'Dépistage', org: 'Centre de dépistage', lines: [
    ['Dépistage organisé du cancer colorectal : test négatif.', 'Frottis cervico-utérin : normal.', 'Bilan bucco-dentaire M\'T dents.'],
    ['Prochain dépistage dans deux ans.'] ] },
  { typeCode: 'EXPPAT_3', category: 'patient', title: 'Directives anticipées', org: '', lines: [
    ['Je ne souhaite pas d\'acharnement thérapeutique.', 'Je souhaite être soulagé(e) de toute douleur.'],
    ['Ma personne de confiance connaît mes volontés.'] ] },
  { typeCode: 'EXPPAT_2', category: 'patient', title: 'Note personnelle', org: '', lines: [
    ['Liste de mes questions pour le prochain rendez-vous.', 'Relevé de ma tension prise à domicile.'],
    ['Penser à apporter le carnet de vaccination.'] ] },
];

const DAY = 86_400_000;

/** `count` documents over the months before `today`, every category represented when count allows; about one in eight a PDF. */
export function makeDocuments(rng: Prng, count: number, people: number, months: number, today: string): SeedDocument[] {
  const span = Math.max(1, Math.round(months * 30.44));
  const docs: SeedDocument[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i < KINDS.length ? KINDS[i]! : rng.pick(KINDS);
    const lines = kind.lines.map((choices) => rng.pick(choices));
    const date = new Date(Date.parse(`${today}T00:00:00Z`) - rng.int(0, span - 1) * DAY).toISOString().slice(0, 10);
    const [author] = kind.category === 'patient' ? [null] : rng.pick(kind.typeCode === '11502-2' ? PROFESSIONALS.lab : PROFESSIONALS.gp);
    const title = `${kind.title} du ${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
    const pdf = (kind.category === 'imaging' || kind.category === 'biology') && rng.chance(0.5);
    docs.push({
      person: i < KINDS.length ? 0 : rng.int(0, people - 1),
      typeCode: kind.typeCode,
      category: kind.category,
      title,
      date,
      author: author ?? null,
      org: kind.org || null,
      masked: rng.chance(0.08),
      content: pdf ? { pdf: textPdf(title, lines), fileName: `${kind.typeCode}-${date}.pdf` } : { text: `${title}\n\n${lines.join('\n')}\n` },
    });
  }
  return docs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

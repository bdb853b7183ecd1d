/**
 * Small tables of real French data for generated records: given and family names, and towns
 * with their postcode and INSEE commune code (a NIR's place of birth), which agree.
 */
export const GIVEN_NAMES = {
  F: ['Marie', 'Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Hélène', 'Sophie', 'Nathalie', 'Émilie', 'Zoé', 'Anaïs', 'Margaux', 'Jeanne', 'Louise'],
  M: ['Jean', 'Lucas', 'Léo', 'Hugo', 'Louis', 'Gabriel', 'Jérôme', 'François', 'Noé', 'Thomas', 'Raphaël', 'Mathis', 'Étienne', 'Antoine', 'Yanis'],
};

export const FAMILY_NAMES = [
  'DUPONT', 'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU',
  'LAURENT', 'SIMON', 'MICHEL', 'LEFÈVRE', 'LEROY', 'ROUX', 'FOURNIER', 'GIRARD', 'BONNET', 'LE GALL',
  "N'DIAYE", 'GARNIER-FAURE', 'MERCIER', 'BLANC', 'GUÉRIN',
] as const;

export interface Town {
  city: string;
  postcode: string;
  /** INSEE commune code: département (2 characters, 2A/2B in Corsica) + commune (3 digits). */
  insee: string;
}

export const TOWNS: readonly Town[] = [
  { city: 'Paris', postcode: '75011', insee: '75111' },
  { city: 'Nantes', postcode: '44000', insee: '44109' },
  { city: 'Lyon', postcode: '69003', insee: '69383' },
  { city: 'Marseille', postcode: '13008', insee: '13208' },
  { city: 'Toulouse', postcode: '31000', insee: '31555' },
  { city: 'Bordeaux', postcode: '33000', insee: '33063' },
  { city: 'Lille', postcode: '59000', insee: '59350' },
  { city: 'Rennes', postcode: '35000', insee: '35238' },
  { city: 'Strasbourg', postcode: '67000', insee: '67482' },
  { city: 'Montpellier', postcode: '34000', insee: '34172' },
  { city: 'Nice', postcode: '06000', insee: '06088' },
  { city: 'Brest', postcode: '29200', insee: '29019' },
  { city: 'Dijon', postcode: '21000', insee: '21231' },
  { city: 'Grenoble', postcode: '38000', insee: '38185' },
  { city: 'Angers', postcode: '49000', insee: '49007' },
  { city: 'Ajaccio', postcode: '20000', insee: '2A004' },
  { city: 'Bastia', postcode: '20200', insee: '2B033' },
];

export const STREETS = [
  'rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'rue Pasteur', 'place du Marché',
  'rue des Écoles', "allée des Tilleuls", 'chemin du Moulin', 'rue Émile Zola', 'impasse des Lilas',
] as const;

/** Professionals and facilities, each with what the payer data calls its specialty. */
export type ProfessionalKind = 'gp' | 'paediatrician' | 'specialist' | 'dentist' | 'nurse' | 'physio' | 'pharmacy' | 'lab' | 'radiology' | 'hospital';
export const PROFESSIONALS: Record<ProfessionalKind, readonly (readonly [name: string, specialty: string])[]> = {
  gp: [['Dr Anne LEMAIRE', 'Médecine générale'], ['Dr Karim BENALI', 'Médecine générale'], ['Dr Sophie CARON', 'Médecine générale']],
  paediatrician: [['Dr Paul FAVRE', 'Pédiatrie']],
  specialist: [['Dr Hélène ROCHE', 'Cardiologie'], ['Dr Marc VIDAL', 'Dermatologie'], ['Dr Claire NOËL', 'Ophtalmologie']],
  dentist: [['Dr Julie MASSON', 'Chirurgie dentaire']],
  nurse: [['Cabinet infirmier des Lilas', 'Soins infirmiers']],
  physio: [['M. Yves PERRIN', 'Masso-kinésithérapie']],
  pharmacy: [['Pharmacie du Centre', 'Pharmacie'], ['Pharmacie de la Gare', 'Pharmacie']],
  lab: [['Laboratoire Cerballiance', 'Biologie médicale'], ['Laboratoire Bioclinic', 'Biologie médicale']],
  radiology: [['Centre d\'imagerie Saint-Jacques', 'Radiologie']],
  hospital: [['CHU de Nantes', 'Établissement de santé'], ['Clinique Jules Verne', 'Établissement de santé']],
};

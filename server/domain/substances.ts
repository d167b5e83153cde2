/**
 * The seed substance catalog (DOMAIN.md). A substance is the measured compound, not the drug.
 * Correction factors and doses are literature defaults that coordinators may edit; the report
 * prints the values actually used, with these source notes.
 */
export interface SubstanceSeed {
  key: string;
  nameSv: string;
  nameEn: string;
  drug: string;
  residue: string;
  correctionFactor: number | null;
  doseMg: number | null;
  /** The note in English, as the seed stores it in the database (coordinators may edit it there). */
  sourceNote: string;
  /** The same note in Swedish, shown in the Swedish UI while the stored note is still the seed's. */
  sourceNoteSv: string;
  aliases: string[];
}

export const SUBSTANCE_CATALOG: SubstanceSeed[] = [
  {
    key: 'benzoylecgonine', nameSv: 'Bensoylekgonin', nameEn: 'Benzoylecgonine', drug: 'cocaine', residue: 'benzoylecgonine',
    correctionFactor: 2.33, doseMg: 100,
    sourceNote: 'CF 2.33: Zuccato et al. 2008 (45 % excreted as BE, molar ratio 1.05); Castiglioni et al. 2013 use ≈3.59. EUDA "cocaine" figures are BE loads.', sourceNoteSv: 'KF 2,33: Zuccato m.fl. 2008 (45 % utsöndras som BE, molkvot 1,05); Castiglioni m.fl. 2013 använder ≈3,59. EUDA:s siffror för ”kokain” är belastning av BE.',
    aliases: ['Bensoylekgonin', 'BzE', 'BE', 'Benzoylecgonine', 'Bensoylekgonin (BzE)', 'Benzoylekgonin'],
  },
  {
    key: 'cocaine', nameSv: 'Kokain', nameEn: 'Cocaine', drug: 'cocaine', residue: 'cocaine',
    correctionFactor: null, doseMg: null,
    sourceNote: 'Parent drug; loads only. Used for the cocaine/benzoylecgonine ratio (dumping indicator).', sourceNoteSv: 'Modersubstansen; bara belastning. Används för kvoten kokain/bensoylekgonin (tecken på dumpning).',
    aliases: ['Kokain', 'Cocaine', 'COC'],
  },
  {
    key: 'amphetamine', nameSv: 'Amfetamin', nameEn: 'Amphetamine', drug: 'amphetamine', residue: 'amphetamine',
    correctionFactor: 3.3, doseMg: 30,
    sourceNote: 'CF 3.3: ~30 % excreted unchanged; Gracia-Lor et al. 2016 give ≈2.8.', sourceNoteSv: 'KF 3,3: ~30 % utsöndras oförändrat; Gracia-Lor m.fl. 2016 anger ≈2,8.',
    aliases: ['Amfetamin', 'Amphetamine', 'Amfetamine'],
  },
  {
    key: 'methamphetamine', nameSv: 'Metamfetamin', nameEn: 'Methamphetamine', drug: 'methamphetamine', residue: 'methamphetamine',
    correctionFactor: 2.3, doseMg: 30,
    sourceNote: 'CF 2.3: ~43 % excreted unchanged; Gracia-Lor et al. 2016 give ≈2.6.', sourceNoteSv: 'KF 2,3: ~43 % utsöndras oförändrat; Gracia-Lor m.fl. 2016 anger ≈2,6.',
    aliases: ['Metamfetamin', 'Metaamfetamin', 'Methamphetamine', 'Metamfetamine'],
  },
  {
    key: 'mdma', nameSv: 'MDMA', nameEn: 'MDMA', drug: 'MDMA', residue: 'MDMA',
    correctionFactor: 1.5, doseMg: 100,
    sourceNote: 'CF 1.5 from the older 65 % excretion; Gracia-Lor et al. 2016 give ≈4.4 — a threefold disagreement.', sourceNoteSv: 'KF 1,5 från den äldre siffran 65 % utsöndring; Gracia-Lor m.fl. 2016 anger ≈4,4 – en trefaldig skillnad.',
    aliases: ['MDMA', 'Ecstasy'],
  },
  {
    key: 'thc-cooh', nameSv: 'THC-COOH', nameEn: 'THC-COOH', drug: 'cannabis', residue: 'THC-COOH',
    correctionFactor: 152, doseMg: 125,
    sourceNote: 'CF 152: 0.6 % excretion as THC-COOH; back-calculation is weak. EUDA "cannabis" figures are THC-COOH loads and are never converted to doses.', sourceNoteSv: 'KF 152: 0,6 % utsöndras som THC-COOH; omräkningen är osäker. EUDA:s siffror för ”cannabis” är belastning av THC-COOH och räknas aldrig om till doser.',
    aliases: ['THC-COOH', 'THCA', 'Cannabis (THCA-metabolit)', 'THC COOH', '11-nor-9-carboxy-THC', 'Cannabis'],
  },
  {
    key: '6-mam', nameSv: '6-MAM', nameEn: '6-MAM', drug: 'heroin', residue: '6-monoacetylmorphine',
    correctionFactor: 86, doseMg: 30,
    sourceNote: 'CF ≈86; 6-MAM is an unstable marker; morphine is confounded by medicines.', sourceNoteSv: 'KF ≈86; 6-MAM är en instabil markör; morfin störs av läkemedel.',
    aliases: ['6-MAM', '6-MAM (Heroin-metabolit)', '6-monoacetylmorfin', '6-monoacetylmorphine'],
  },
  {
    key: 'eddp', nameSv: 'EDDP', nameEn: 'EDDP', drug: 'methadone', residue: 'EDDP',
    correctionFactor: 2.0, doseMg: null,
    sourceNote: 'CF ≈2.0 with EDDP excretion revised to 55 % (Thai et al.).', sourceNoteSv: 'KF ≈2,0 med EDDP-utsöndringen reviderad till 55 % (Thai m.fl.).',
    aliases: ['EDDP'],
  },
  {
    key: 'tramadol', nameSv: 'Tramadol', nameEn: 'Tramadol', drug: 'tramadol', residue: 'tramadol',
    correctionFactor: null, doseMg: null, sourceNote: 'Loads only.', sourceNoteSv: 'Bara belastning.', aliases: ['Tramadol'],
  },
  {
    key: 'o-desmethyltramadol', nameSv: 'O-desmetyltramadol', nameEn: 'O-desmethyltramadol', drug: 'tramadol', residue: 'O-desmethyltramadol',
    correctionFactor: null, doseMg: null, sourceNote: 'Metabolite of tramadol; loads only.', sourceNoteSv: 'Nedbrytningsprodukt av tramadol; bara belastning.',
    aliases: ['ODM-Tramadol', 'O-desmetyltramadol', 'O-desmethyltramadol', 'ODMT'],
  },
  {
    key: 'ketamine', nameSv: 'Ketamin', nameEn: 'Ketamine', drug: 'ketamine', residue: 'ketamine',
    correctionFactor: null, doseMg: null, sourceNote: 'Loads only (EUDA).', sourceNoteSv: 'Bara belastning (EUDA).', aliases: ['Ketamin', 'Ketamine'],
  },
  {
    key: 'mephedrone', nameSv: 'Mefedron', nameEn: 'Mephedrone', drug: 'mephedrone', residue: 'mephedrone',
    correctionFactor: null, doseMg: null, sourceNote: 'Loads only.', sourceNoteSv: 'Bara belastning.', aliases: ['Mefedron', 'Mephedrone', '4-MMC'],
  },
];

/**
 * Substances never converted to doses (DOMAIN.md "Corrections"): EUDA never turns THC-COOH into
 * cannabis doses (0.6 % excretion, no agreed dose). Their `doses` is null everywhere.
 */
export const NO_DOSES: ReadonlySet<string> = new Set(['thc-cooh']);
export const dosesAllowed = (substance: string): boolean => !NO_DOSES.has(substance);

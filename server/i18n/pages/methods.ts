/** The methods settings page's words (sv, en): the sampling and lab facts the reports print (issue 12). */
import type { Lang } from '../lang.ts';

const TEXT = {
  sv: {
    title: 'Metod: provtagning och laboratorium',
    intro: 'Uppgifterna står i metodavsnittet i nollvärdes- och uppföljningsrapporten. Fyll i det VA-huvudmannen och laboratoriet uppger; tomma fält skrivs som "ej angivet".',
    sampling: 'Provtagning', samplingMode: 'Provtagningssätt',
    modes: { flow_proportional: 'flödesproportionellt', time_proportional: 'tidsproportionellt', volume_proportional: 'volymproportionellt', not_stated: 'ej angivet' },
    compositeHours: 'Samlingsprov, timmar per prov', cooling: 'Kylning under provtagningen', storage: 'Förvaring till analys',
    lab: 'Laboratorium', labName: 'Laboratorium', labMethod: 'Analysmetod (upparbetning, instrument)', accreditation: 'Ackreditering',
    interlaboratory: 'Deltagande i jämförande provningar (t.ex. SCORE)',
    population: 'Befolkning', populationUnit: 'Befolkningsmått', units: { persons: 'anslutna personer', pe: 'personekvivalenter (pe)' },
    populationSource: 'Källa och år för befolkningen', notes: 'Övrigt',
    save: 'Spara', saved: 'Sparat.', updated: 'Senast ändrad {at} av {by}.', errors: 'Rätta fälten nedan:',
  },
  en: {
    title: 'Methods: sampling and laboratory',
    intro: 'These facts go into the methods section of the baseline and follow-up reports. Enter what the utility and the lab state; blank fields are printed as "not stated".',
    sampling: 'Sampling', samplingMode: 'Sampling mode',
    modes: { flow_proportional: 'flow-proportional', time_proportional: 'time-proportional', volume_proportional: 'volume-proportional', not_stated: 'not stated' },
    compositeHours: 'Composite, hours per sample', cooling: 'Cooling during sampling', storage: 'Storage until analysis',
    lab: 'Laboratory', labName: 'Laboratory', labMethod: 'Analytical method (preparation, instrument)', accreditation: 'Accreditation',
    interlaboratory: 'Interlaboratory exercises taken part in (e.g. SCORE)',
    population: 'Population', populationUnit: 'Population measure', units: { persons: 'connected persons', pe: 'person equivalents (pe)' },
    populationSource: 'Source and year of the population', notes: 'Other',
    save: 'Save', saved: 'Saved.', updated: 'Last changed {at} by {by}.', errors: 'Correct the fields below:',
  },
} as const;

export type MethodsPageWords = (typeof TEXT)['sv'] | (typeof TEXT)['en'];
export function methodsPageWords(lang: Lang): MethodsPageWords {
  return TEXT[lang];
}

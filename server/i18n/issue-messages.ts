/**
 * The importer writes its issue messages in English with the facts inside ("Flow "x" is not a
 * number."); the Swedish pages show them in Swedish. Each pattern below matches one message the
 * importer writes (server/import/*) and rewrites it with the same facts; a message no pattern
 * knows falls back to a Swedish sentence per code, so no English reaches a Swedish page.
 */
type Rewrite = [RegExp, (...m: string[]) => string];

const q = (s: string) => `”${s}”`;

export const SV_REWRITES: Rewrite[] = [
  [/^The file is empty\.$/, () => 'Filen är tom.'],
  [/^This is an Excel workbook \(\.xlsx\) or a zip archive/, () => 'Det här är en Excel-arbetsbok (.xlsx) eller ett zip-arkiv, inte en CSV-fil. Välj i Excel Arkiv → Spara som → ”CSV UTF-8 (kommaavgränsad)” och ladda upp den filen.'],
  [/^This is an old Excel workbook \(\.xls\)/, () => 'Det här är en äldre Excel-arbetsbok (.xls), inte en CSV-fil. Välj i Excel Arkiv → Spara som → ”CSV UTF-8” och ladda upp den filen.'],
  [/^This is a PDF\./, () => 'Det här är en PDF. Be laboratoriet om resultaten som CSV-fil, eller spara dem som CSV från Excel.'],
  [/^This is a compressed file\./, () => 'Det här är en komprimerad fil. Packa upp den och ladda upp CSV-filen som ligger i den.'],
  [/^This is not a text file\./, () => 'Det här är inte en textfil. Spara resultaten som CSV (UTF-8) och ladda upp den filen.'],
  [/^The file has no header line\.$/, () => 'Filen har ingen rubrikrad.'],
  [/^This exact file was already imported as batch (\d+) \("(.*)", (.*) UTC\)/, (_, id, name, at) => `Exakt den här filen är redan importerad som import nr ${id} (${q(name)}, ${at} UTC). Återkalla den importen först om du vill importera filen igen.`],
  [/^Another import is being written right now/, () => 'En annan import sparas just nu (kanske från kommandoraden). Försök igen om en minut.'],
  [/^Every value in the file is already stored \(batch ([\d, ]+)\)/, (_, ids) => `Alla värden i filen finns redan (import nr ${ids}). Inget nytt att importera.`],
  [/^Nothing in the file would be stored/, () => 'Inget i filen skulle sparas. Inget nytt att importera.'],
  [/^The file has a header line but no data lines/, () => 'Filen har en rubrikrad men inga datarader: det finns inget att importera.'],
  [/^An areas file needs the columns code and name\. Found: (.*)\.$/, (_, found) => `En områdesfil behöver kolumnerna code och name. Filen har: ${found}.`],
  [/^The (?:flow )?file has no column for (.*)\. Found: (.*)\.$/, (_, col, found) => `Filen saknar en kolumn för ${col}. Filen har: ${found}.`],
  [/^The file has no unit column/, () => 'Filen har ingen enhetskolumn (Enhet) och ingen enhet i värdekolumnens rubrik.'],
  [/^Cannot tell what kind of file this is from its columns \((.*)\)\./, (_, cols) => `Det går inte att se vilken sorts fil det är av kolumnerna (${cols}). Väntat: en labbfil (Provpunkt, Provtagning start, Analys, Halt, Enhet), en flödesfil (Provpunkt, Datum, Flöde) eller en områdesfil (code, name, parent, population). Välj filtyp själv om kolumnerna stämmer.`],
  [/^This looks like an EUDA reference file but could not be read as one\.$/, () => 'Filen liknar en referensfil från EUDA men kunde inte läsas som en sådan.'],
  [/^The column "(.*)" appears more than once in the header/, (_, c) => `Kolumnen ${q(c)} finns mer än en gång i rubrikraden, så det går inte att veta vilken som har värdena. Byt namn på eller ta bort en av dem.`],
  [/^Column "(.*)" is not a known column or substance and was ignored\.$/, (_, c) => `Kolumnen ${q(c)} är varken en känd kolumn eller ett känt ämne och hoppades över.`],
  [/^Column "(.*)" gives no unit; write it in the header, e\.g\. "(.*)"\.$/, (_, c, ex) => `Kolumnen ${q(c)} anger ingen enhet; skriv den i rubriken, t.ex. ${q(ex)}.`],
  [/^Unknown unit "(.*)" in "(.*)"\.$/, (_, u, c) => `Okänd enhet ${q(u)} i ${q(c)}.`],
  [/^Unknown flow unit "(.*)"\. Use (.*)\.$/, (_, u, use) => `Okänd flödesenhet ${q(u)}. Använd ${use.replace(' or ', ' eller ')}.`],
  [/^Unknown unit "(.*)"\. Use (.*)\.$/, (_, u, use) => `Okänd enhet ${q(u)}. Använd ${use.replace(' or ', ' eller ')}.`],
  [/^Unknown sampling point "(.*?)"\.(?: Closest known: (.*?)\.)?/, (_, v, near) => `Okänd provpunkt ${q(v)}. Lägg till den under Områden, eller lägg till ${q(v)} som alias för ett befintligt område.${near ? ` Närmast: ${near}.` : ''}`],
  [/^Unknown substance "(.*?)"\.(?: Closest known: (.*?)\.)?/, (_, v, near) => `Okänt ämne ${q(v)}.${near ? ` Närmast: ${near}.` : ''} Lägg till det som alias under Ämnen om det är ett av dem.`],
  [/^Parent area "(.*)" is neither in this file nor among the existing areas\.$/, (_, p) => `Överordnat område ${q(p)} finns varken i filen eller bland befintliga områden.`],
  [/^Area (.*) cannot be its own parent\.$/, (_, a) => `Området ${a} kan inte vara sitt eget överordnade område.`],
  [/^Area (.*) appears on line (\d+) and line (\d+) with different details\.$/, (_, a, l1, l2) => `Området ${a} finns på rad ${l1} och rad ${l2} med olika uppgifter.`],
  [/^Area code "(.*)" belongs to (.*); codes are unique/, (_, c, who) => `Områdeskoden ${q(c)} tillhör ${who}; koderna är unika i länet och dess kommuner.`],
  [/^Area code "(.*)" is already in use/, (_, c) => `Områdeskoden ${q(c)} används redan i länets organisationer; välj en annan kod.`],
  [/^Every area in the file is already registered exactly like this/, () => 'Alla områden i filen finns redan exakt så här; inget ändrades.'],
  [/^The area code is empty\.$/, () => 'Områdeskoden är tom.'],
  [/^The area code is longer than 64 characters\.$/, () => 'Områdeskoden är längre än 64 tecken.'],
  [/^The area name is empty\.$/, () => 'Områdets namn är tomt.'],
  [/^The sampling point is empty\.$/, () => 'Provpunkten är tom.'],
  [/^The substance is empty\.$/, () => 'Ämnet är tomt.'],
  [/^The flow is empty\.$/, () => 'Flödet är tomt.'],
  [/^The value is empty\.$/, () => 'Värdet är tomt.'],
  [/^The date is empty\.$/, () => 'Datumet är tomt.'],
  [/^No value for (.*)\. Every row of a long-format file needs a result/, (_, s) => `Inget värde för ${s}. Varje rad i en fil med en analys per rad behöver ett resultat (skriv ”<LOQ” för resultat under rapporteringsgränsen).`],
  [/^Population "(.*)" must be a whole number above zero\.$/, (_, p) => `Antal invånare ${q(p)} måste vara ett heltal större än noll.`],
  [/^Flow "(.*)" is not a number\.$/, (_, v) => `Flödet ${q(v)} är inte ett tal.`],
  [/^Flow (.*) must be greater than zero\.$/, (_, v) => `Flödet ${v} måste vara större än noll.`],
  [/^LOQ "(.*)" is not a positive number\.$/, (_, v) => `Rapporteringsgränsen ${q(v)} är inte ett positivt tal.`],
  [/^"(.*)" means below the limit of quantification, but no LOQ is given/, (_, v) => `${q(v)} betyder under rapporteringsgränsen, men raden anger ingen rapporteringsgräns (fyll i LOQ-kolumnen).`],
  [/^(.*) is negative; a concentration cannot be below zero\.$/, (_, v) => `${v} är negativt; en halt kan inte vara under noll.`],
  [/^The limit in "(.*)" must be greater than zero\.$/, (_, v) => `Gränsen i ${q(v)} måste vara större än noll.`],
  [/^"(.*)" is neither a number nor a "<LOQ" result\.$/, (_, v) => `${q(v)} är varken ett tal eller ett ”<LOQ”-resultat.`],
  [/^"(.*)" is not a number\.$/, (_, v) => `${q(v)} är inte ett tal.`],
  [/^"(.*)" could be (\S+) or (\S+)\. Write dates as YYYY-MM-DD \(e\.g\. (\S+)\)\.$/, (_, v, a, b, ex) => `${q(v)} kan vara ${a} eller ${b}. Skriv datum som ÅÅÅÅ-MM-DD (t.ex. ${ex}).`],
  [/^"(.*)" is not a date\. Use YYYY-MM-DD, e\.g\. (.*)\.$/, (_, v, ex) => `${q(v)} är inte ett datum. Skriv ÅÅÅÅ-MM-DD, t.ex. ${ex}.`],
  [/^"(.*)" is not a real date: (.*)\.$/, (_, v) => `${q(v)} är inte ett verkligt datum.`],
  [/^"(.*)" has a time that cannot be read/, (_, v) => `${q(v)} har en tid som inte går att läsa; skriv t.ex. 2020-09-14 07:00.`],
  [/^"(.*)" has an impossible time of day\.$/, (_, v) => `${q(v)} har en omöjlig tid på dygnet.`],
  [/^"(.*)" is not a real date and time\.$/, (_, v) => `${q(v)} är inte ett verkligt datum och klockslag.`],
  [/^Sampling ends \((.*)\) before it starts \((.*)\)\.$/, (_, e, s) => `Provtagningen slutar (${e}) innan den börjar (${s}).`],
  [/^Line (\d+) repeats line (\d+) exactly(?: \((.*)\))?; it is kept once\.$/, (_, a, b, what) => `Rad ${a} upprepar rad ${b} exakt${what ? ` (${what})` : ''}; den sparas en gång.`],
  [/^Line (\d+) repeats line (\d+); kept once\.$/, (_, a, b) => `Rad ${a} upprepar rad ${b}; den sparas en gång.`],
  [/^Line (\d+) and line (\d+) give different values for (.*) \("(.*)" on line \d+\)\./, (_, a, b, what, other) => `Rad ${a} och rad ${b} ger olika värden för ${what} (${q(other)} på rad ${b}). Behåll bara det rätta.`],
  [/^(.*) already has the value "(.*)" from batch (\d+)\./, (_, what, other, id) => `${what} har redan värdet ${q(other)} från import nr ${id}. Välj ”ersätt” för att byta ut det (det gamla värdet sparas i historiken) eller ”hoppa över” för att behålla det.`],
  [/^(\d+) value\(s\) are already stored with exactly the same result.*\(first on line (\d+)\)\.$/, (_, n, l) => `${n} värden finns redan sparade med exakt samma resultat och sparades inte igen (första på rad ${l}).`],
  [/^(\d+) value\(s\) differ from results already stored and were skipped.*\(first on line (\d+)\)\.$/, (_, n, l) => `${n} värden skiljer sig från sparade resultat och hoppades över, som du valde; de sparade värdena står kvar (första på rad ${l}).`],
  [/^(\d+) value\(s\) replace results already stored.*\(first on line (\d+)\)\.$/, (_, n, l) => `${n} värden ersätter sparade resultat; de gamla finns kvar i historiken och kommer tillbaka om den här importen återkallas (första på rad ${l}).`],
  [/^(\d+) sample day\(s\) \((.*)\) have no flow yet/, (_, n, areas) => `${n} provdagar (${areas}) har inget flöde ännu, så belastningen kan inte räknas för dem: ladda upp flödesfilen från reningsverket.`],
  [/^(\S+) ng\/L is more than (\d+) times the highest earlier value \((.*)\) for (.*), (.*)\. Check/, (_, v, f, max, area, s) => `${v} ng/L är mer än ${f} gånger det högsta tidigare värdet (${max}) för ${area}, ${s}. Kontrollera värdet och enheten.`],
  [/^(\S+) ng\/L is less than a (\d+)th of the lowest earlier value \((.*)\) for (.*), (.*)\. Check/, (_, v, f, min, area, s) => `${v} ng/L är mindre än en ${f}-del av det lägsta tidigare värdet (${min}) för ${area}, ${s}. Kontrollera värdet och enheten.`],
  [/^The LOQ for (.*) at (.*) changed from (.*) to (.*) ng\/L \(from line (\d+) on\)/, (_, s, a, from, to, l) => `Rapporteringsgränsen för ${s} vid ${a} ändrades från ${from} till ${to} ng/L (från rad ${l}). Värden under gränsen går inte att jämföra över ändringen.`],
];

/** A Swedish sentence for a code whose message no pattern knows (a new importer message). */
export const SV_FALLBACK: Record<string, string> = {
  missing_column: 'En kolumn saknas i filen.', unknown_area: 'Provpunkten är okänd.', unknown_substance: 'Ämnet är okänt.', bad_date: 'Datumet går inte att läsa.',
  ambiguous_date: 'Datumet kan läsas på två sätt; skriv ÅÅÅÅ-MM-DD.', end_before_start: 'Provtagningen slutar innan den börjar.', negative_value: 'Värdet måste vara större än noll.',
  not_a_number: 'Värdet är inte ett tal.', unknown_unit: 'Enheten är okänd.', missing_value: 'Ett värde saknas.', no_loq: 'Rapporteringsgränsen saknas.',
  conflicting_duplicate: 'Två rader ger olika värden för samma prov.', conflict_existing: 'Värdet skiljer sig från ett redan sparat värde.', unreadable_file: 'Filen går inte att läsa som CSV.',
  already_imported: 'Filen är redan importerad.', busy: 'En annan import sparas just nu. Försök igen om en minut.', duplicate_row: 'Raden upprepar en tidigare rad.',
  duplicate_existing: 'Värdet finns redan sparat.', no_flow: 'Flöde saknas för provdagen.', outlier: 'Värdet avviker mycket från tidigare värden. Kontrollera värde och enhet.',
  loq_changed: 'Rapporteringsgränsen har ändrats.', ignored_column: 'Kolumnen hoppades över.', duplicate_column: 'En kolumn finns två gånger.', code_taken: 'Områdeskoden används redan.',
};

/** The Swedish form of an importer message (see the file comment). */
export function swedishIssueMessage(code: string, message: string): string {
  for (const [re, make] of SV_REWRITES) {
    const m = re.exec(message);
    if (m) return make(...m);
  }
  return SV_FALLBACK[code] ?? 'Raden kan inte importeras.';
}

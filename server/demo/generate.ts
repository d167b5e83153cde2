/**
 * Generates realistic, fictional monitoring data in the shapes real deliveries take: an area
 * registry, a long Swedish lab file (Windows-1252, `;`, decimal comma, µg/m³, `< 2,0` below
 * LOQ) and the utility's flow file. Pure and seeded: the same options give the same files.
 * Used by `npm run demo` and by the benchmarks (national scale).
 */
export interface DemoArea { code: string; name: string; parent: string | null; population: number; municipality: string; county: string; scale: number }

export interface DemoSubstance { key: string; labName: string; base: number; weekend: number; trendPerYear: number; loq: number; sd: number }

export const DEMO_SUBSTANCES: DemoSubstance[] = [
  { key: 'benzoylecgonine', labName: 'Bensoylekgonin (BzE)', base: 300, weekend: 1.35, trendPerYear: 0.25, loq: 5, sd: 0.22 },
  { key: 'cocaine', labName: 'Kokain', base: 110, weekend: 1.4, trendPerYear: 0.25, loq: 2, sd: 0.25 },
  { key: 'amphetamine', labName: 'Amfetamin', base: 420, weekend: 1.0, trendPerYear: -0.15, loq: 5, sd: 0.22 },
  { key: 'methamphetamine', labName: 'Metamfetamin', base: 2.4, weekend: 1.0, trendPerYear: 0, loq: 2, sd: 0.3 },
  { key: 'mdma', labName: 'MDMA', base: 45, weekend: 1.6, trendPerYear: 0.05, loq: 1, sd: 0.25 },
  { key: 'thc-cooh', labName: 'Cannabis (THCA-metabolit)', base: 130, weekend: 1.05, trendPerYear: 0.02, loq: 10, sd: 0.18 },
  { key: 'tramadol', labName: 'Tramadol', base: 480, weekend: 1.0, trendPerYear: 0, loq: 5, sd: 0.2 },
  { key: '6-mam', labName: '6-MAM (Heroin-metabolit)', base: 0.55, weekend: 1.0, trendPerYear: 0, loq: 0.5, sd: 0.35 },
];

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
const sv = (x: number, decimals: number) => x.toFixed(decimals).replace('.', ',');

export interface DemoOptions {
  seed?: number;
  areas?: DemoArea[];
  substances?: DemoSubstance[];
  /** First day of each campaign (7 consecutive days each). */
  campaigns?: string[];
  daysPerCampaign?: number;
}

export const DEMO_AREAS: DemoArea[] = [
  { code: 'DMS-ARV', name: 'Demstad reningsverk', parent: null, population: 31000, municipality: 'Demstad', county: 'Demo län', scale: 1 },
  { code: 'DMS-CEN', name: 'Centrum pumpstation', parent: 'DMS-ARV', population: 11500, municipality: 'Demstad', county: 'Demo län', scale: 1.5 },
  { code: 'DMS-HAM', name: 'Hamnen pumpstation', parent: 'DMS-ARV', population: 7200, municipality: 'Demstad', county: 'Demo län', scale: 0.9 },
  { code: 'DMS-SKO', name: 'Skogsbo pumpstation', parent: 'DMS-ARV', population: 3100, municipality: 'Demstad', county: 'Demo län', scale: 0.7 },
];

export const DEMO_CAMPAIGNS = ['2021-09-13', '2022-03-14', '2022-09-12', '2023-03-13', '2023-09-11', '2024-03-11', '2024-09-16', '2025-03-10'];

export interface DemoRow { area: string; start: string; substance: DemoSubstance; valueNgL: number; censored: boolean; flow: number }

/** Every generated value, in file order (campaign, day, area, substance). */
export function* demoRows(o: DemoOptions = {}): Generator<DemoRow> {
  const rand = seededRandom(o.seed ?? 20201914);
  const areas = o.areas ?? DEMO_AREAS;
  const subs = o.substances ?? DEMO_SUBSTANCES;
  const campaigns = o.campaigns ?? DEMO_CAMPAIGNS;
  const t0 = Date.parse(campaigns[0]);
  for (const c of campaigns) {
    for (let d = 0; d < (o.daysPerCampaign ?? 7); d++) {
      const date = addDays(c, d);
      const dow = new Date(date).getUTCDay(); // 0 = Sunday
      const weekendDay = dow === 5 || dow === 6 || dow === 0 || dow === 1;
      const years = (Date.parse(date) - t0) / (365.25 * 86_400_000);
      for (const a of areas) {
        const flow = Math.round((a.population * 0.26) * Math.exp(0.1 * normal(rand)));
        for (const s of subs) {
          const mean = s.base * a.scale * (weekendDay ? s.weekend : 1) * (1 + s.trendPerYear) ** years * (a.population * 0.26 / flow);
          const v = Math.round(mean * Math.exp(s.sd * normal(rand)) * 10) / 10;
          yield { area: a.code, start: date, substance: s, valueNgL: v, censored: v < s.loq, flow };
        }
      }
    }
  }
}

export function areasCsv(areas: DemoArea[] = DEMO_AREAS): string {
  return ['code,name,parent,population,municipality,county', ...areas.map((a) => [a.code, a.name, a.parent ?? '', a.population, a.municipality, a.county].join(','))].join('\n') + '\n';
}

export const LAB_HEADER = 'Provpunkt;Provtagning start;Provtagning slut;Labbets provnr;Analys;Halt;Enhet;Rapporteringsgräns';

export function labLine(r: DemoRow, sampleNo: string): string {
  const end = addDays(r.start, 1);
  const halt = r.censored ? `< ${sv(r.substance.loq, 1)}` : sv(r.valueNgL, 1);
  return `${r.area};${r.start} 07:00;${end} 07:00;${sampleNo};${r.substance.labName};${halt};µg/m³;${sv(r.substance.loq, 1)}`;
}

/** The lab file as the lab sends it: Windows-1252 bytes. */
export function labLongCsv(o: DemoOptions = {}): Buffer {
  const lines = [LAB_HEADER];
  let i = 0;
  for (const r of demoRows(o)) lines.push(labLine(r, `D${String(++i).padStart(6, '0')}`));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}

export function flowCsv(o: DemoOptions = {}): string {
  const seen = new Set<string>();
  const lines = ['Provpunkt;Datum;Flöde (m3/d)'];
  for (const r of demoRows(o)) {
    const k = `${r.area}|${r.start}`;
    if (seen.has(k)) continue;
    seen.add(k);
    lines.push(`${r.area};${r.start};${r.flow}`);
  }
  return lines.join('\n') + '\n';
}

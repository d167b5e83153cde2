/**
 * Generated data with a known intervention effect (issue 12): a plant (GEN-ARV) with two sampled
 * sub-areas, a treated one (GEN-TRT) whose load drops ×`effect` after the event and a control
 * (GEN-KTR); both, and the plant's unsampled remainder, follow a common +10 %/year trend with a
 * common per-campaign and per-day factor (season, weather), plus each area's own day noise.
 */
import { seededRandom } from '../server/demo/generate.ts';

export interface GeneratedIntervention {
  areasCsv: string;
  labCsv: string;
  flowCsv: string;
  /** The event: first day after campaign `nBefore`; campaign starts (ISO). */
  event: string;
  campaigns: string[];
}

export const GEN = { plant: 'GEN-ARV', treated: 'GEN-TRT', control: 'GEN-KTR' } as const;

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

export function generateIntervention(o: { effect: number; seed: number; nBefore?: number; nAfter?: number; days?: number; substances?: { labName: string; loadMgPerDay: number }[] }): GeneratedIntervention {
  const rand = seededRandom(o.seed);
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
  const nBefore = o.nBefore ?? 4;
  const nAfter = o.nAfter ?? 4;
  const days = o.days ?? 7;
  const substances = o.substances ?? [{ labName: 'Bensoylekgonin', loadMgPerDay: 30 }];
  const campaigns = Array.from({ length: nBefore + nAfter }, (_, i) => addDays('2021-03-01', i * 119));
  const event = addDays(campaigns[nBefore - 1], days + 30);
  const areas = [
    { code: GEN.treated, share: 0.3, flow: 3000 },
    { code: GEN.control, share: 0.35, flow: 3500 },
  ];
  const lab = ['Provpunkt;Datum;Analys;Halt;Enhet'];
  const flow = ['Provpunkt;Datum;Flöde (m3/d)'];
  for (const start of campaigns) {
    const season = Math.exp(0.2 * normal());
    for (let k = 0; k < days; k++) {
      const date = addDays(start, k);
      const years = (Date.parse(date) - Date.parse(campaigns[0])) / (365.25 * 86_400_000);
      const weather = Math.exp(0.1 * normal());
      const common = Math.pow(1.1, years) * season * weather;
      const plantFlow = 10_000;
      flow.push(`${GEN.plant};${date};${plantFlow}`);
      for (const a of areas) flow.push(`${a.code};${date};${a.flow}`);
      for (const s of substances) {
        let sampled = 0;
        for (const a of areas) {
          const effect = a.code === GEN.treated && date > event ? o.effect : 1;
          const load = s.loadMgPerDay * a.share * common * effect * Math.exp(0.12 * normal());
          sampled += load;
          lab.push(`${a.code};${date};${s.labName};${((load * 1000) / a.flow).toFixed(3).replace('.', ',')};ng/L`);
        }
        const remainder = s.loadMgPerDay * 0.35 * common * Math.exp(0.12 * normal());
        lab.push(`${GEN.plant};${date};${s.labName};${(((sampled + remainder) * 1000) / plantFlow).toFixed(3).replace('.', ',')};ng/L`);
      }
    }
  }
  const areasCsv = `code,name,parent,population\n${GEN.plant},Genstad ARV,,60000\n${GEN.treated},Behandlat PS,${GEN.plant},18000\n${GEN.control},Kontroll PS,${GEN.plant},21000\n`;
  return { areasCsv, labCsv: `${lab.join('\n')}\n`, flowCsv: `${flow.join('\n')}\n`, event, campaigns };
}

import fs from 'node:fs';
import path from 'node:path';
import { areasCsv, flowCsv, labLongCsv } from './generate.ts';

/** Writes the demo deliveries (areas, lab, flow) into `dir`; returns the file paths in import order. */
export function writeDemoFiles(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: [string, string | Buffer][] = [
    ['omraden.csv', areasCsv()],
    ['labbresultat-2021-2025.csv', labLongCsv()],
    ['flode-2021-2025.csv', flowCsv()],
  ];
  return files.map(([name, content]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  });
}

// Run directly (tsx server/demo/write.ts DIR); not when bundled into dist/server/demo.js.
if (process.argv[1] && import.meta.url.endsWith('/demo/write.ts') && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const dir = process.argv[2] ?? 'data/demo';
  console.log(writeDemoFiles(dir).join('\n'));
}

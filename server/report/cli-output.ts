import fs from 'node:fs';
import { ReportInputError } from './index.ts';

/**
 * The CLI's end of every report verb: makes the file, writes it to `out` and says so (exit 0), or
 * prints an input problem (exit 1); anything else is a bug and is thrown.
 */
export async function writeReportFile(out: string, format: string, make: () => Promise<{ bytes: Uint8Array }>): Promise<number> {
  try {
    const file = await make();
    fs.writeFileSync(out, file.bytes);
    console.log(`Wrote ${out} (${format}, ${file.bytes.length.toLocaleString('en')} bytes).`);
    return 0;
  } catch (e) {
    if (e instanceof ReportInputError) {
      console.error(`Error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

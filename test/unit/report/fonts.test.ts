import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { mainFontText, reportFonts, textRuns, woffToSfnt } from '../../../server/report/fonts.ts';

const require = createRequire(import.meta.url);

describe('report fonts', () => {
  it('WOFF → TrueType keeps every glyph and metric', () => {
    const woff = fs.readFileSync(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'));
    const ttf = woffToSfnt(woff);
    expect(ttf.readUInt32BE(0)).toBe(0x00010000);
    const a = fontkit.create(woff);
    const b = fontkit.create(ttf);
    expect(b.postscriptName).toBe(a.postscriptName);
    for (const ch of 'åäöÅÄÖµ–×…aZ09 ') {
      const cp = ch.codePointAt(0)!;
      expect(b.hasGlyphForCodePoint(cp), ch).toBe(true);
      expect(b.glyphForCodePoint(cp).advanceWidth, ch).toBe(a.glyphForCodePoint(cp).advanceWidth);
    }
  });

  it('never drops a character: Swedish letters stay, missing symbols go to the fallback font or to ASCII', () => {
    const fonts = reportFonts();
    const runs = textRuns('Värden ≤ LOQ, CF ≈ 3,59 µg/m³', fonts);
    const text = runs.map((r) => r.text).join('');
    expect(text).toContain('Värden');
    expect(text).toContain('µg/m³');
    if (fonts.fallback) expect(runs.some((r) => r.font === 'fallback' && r.text.includes('≤'))).toBe(true);
    else expect(text).toBe('Värden <= LOQ, CF ~ 3,59 µg/m³');
    expect(mainFontText('a ≤ b → c', fonts)).toBe('a <= b -> c');
  });
});

import { Resvg } from '@resvg/resvg-js';

// Word (before Office 2016) and LibreOffice's older releases cannot show SVG, so the docx library
// requires a PNG fallback beside every SVG image. resvg draws it in-process from the very same SVG
// (no browser, nothing fetched): the fonts come from the machine, with DejaVu Sans (Debian's
// default) or any sans-serif face standing in for Arial where Arial is not installed.

/** The chart's SVG drawn as a PNG, `scale` times its own size (2 for print sharpness). */
export function chartPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

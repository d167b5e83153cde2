/**
 * The report as ONE self-contained HTML file: inline CSS (the Noto Sans the PDF embeds, as
 * data: URLs), inline SVG charts, print CSS for A4. Rendered with hono/jsx, which escapes every
 * text and attribute from the model; the only raw parts are our own CSS and the chart SVG from
 * vega's serializer, which escapes text and attributes itself.
 */
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { ChartSpec } from '../charts/types.ts';
import { reportFonts } from './fonts.ts';
import { renderChartSvg } from './svg.ts';
import type { Block, ReportModel, TableModel } from './types.ts';

function fontFaces(): string {
  const { regular, bold } = reportFonts();
  const face = (weight: number, bytes: Buffer, format: string) =>
    `@font-face{font-family:"Noto Sans";font-style:normal;font-weight:${weight};font-display:swap;src:url(data:font/${format};base64,${bytes.toString('base64')}) format("${format}")}`;
  return [
    face(400, regular.woff2 ?? regular.bytes, regular.woff2 ? 'woff2' : 'woff'),
    face(700, bold.woff2 ?? bold.bytes, bold.woff2 ? 'woff2' : 'woff'),
  ].join('\n');
}

const CSS = `
:root{--text:#1a1a1a;--muted:#555;--rule:#c8c8c8;--head:#e9eef3;--zebra:#f6f8fa;--accent:#0b4f7c}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans","Helvetica Neue",Arial,sans-serif;color:var(--text);background:#fff;font-size:15px;line-height:1.5}
main{max-width:60rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .3rem;color:var(--accent)}
h2{font-size:1.4rem;margin:2.2rem 0 .6rem;color:var(--accent);border-bottom:1px solid var(--rule);padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.5rem 0 .4rem;color:var(--accent)}
.subtitle{color:var(--muted);font-size:1.1rem;margin:0 0 1rem}
.lead{font-size:1.05rem}
.muted{color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1.2rem;margin:0 0 1rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
nav.toc ol{columns:2;padding-left:1.2rem}
.table-wrap{overflow-x:auto;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.82rem}
caption{text-align:left;font-weight:700;padding:.3rem 0}
th,td{padding:.3rem .45rem;border-bottom:1px solid var(--rule);vertical-align:top;text-align:left}
thead th{background:var(--head);border-bottom:1.5px solid var(--rule)}
tbody tr:nth-child(even){background:var(--zebra)}
tbody tr.even-group{background:#fff}
tbody tr.odd-group{background:var(--zebra)}
tbody tr.group-start td{border-top:1.5px solid #8894a1}
td.num,th.num{text-align:right;white-space:nowrap}
tr.row-note td{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.75rem;color:var(--muted);border-bottom:1px solid var(--rule);word-break:break-all;padding-top:0}
figure{margin:1rem 0 1.5rem}
figure svg{max-width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:.85rem;margin-top:.3rem}
details{margin-top:.4rem;font-size:.85rem}
footer{color:var(--muted);font-size:.8rem;margin-top:3rem;border-top:1px solid var(--rule);padding-top:.5rem}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
  body{font-size:10pt}
  main{max-width:none;padding:0}
  nav.toc,details{display:none}
  .new-page{break-before:page}
  h2,h3{break-after:avoid}
  figure,tr,li{break-inside:avoid}
  thead{display:table-header-group}
  .table-wrap{overflow:visible}
  a{color:inherit;text-decoration:none}
}
`;

/** Rows grouped by substance are shaded by group, with a rule where a group starts. */
function rowClass(t: TableModel, i: number): string | undefined {
  const g = t.groups?.[i];
  if (g === undefined) return undefined;
  return [g % 2 === 1 ? 'odd-group' : 'even-group', i > 0 && t.groups![i - 1] !== g ? 'group-start' : ''].filter(Boolean).join(' ');
}

const Table: FC<{ t: TableModel }> = ({ t }) => {
  const cls = (i: number) => (t.numeric[i] ? 'num' : undefined);
  return (
    <div class="table-wrap"><table>
      {t.caption ? <caption>{t.caption}</caption> : null}
      <thead><tr>{t.columns.map((c, i) => <th scope="col" class={cls(i)}>{c}</th>)}</tr></thead>
      <tbody>{t.rows.map((r, i) => <>
        <tr class={rowClass(t, i)}>{r.map((c, j) => <td class={cls(j)}>{c}</td>)}</tr>
        {t.rowNotes?.[i]
          ? <tr class={`row-note ${t.groups?.[i] !== undefined && t.groups[i] % 2 === 1 ? 'odd-group' : 'even-group'}`}><td colspan={t.columns.length}>{t.rowNotes[i]}</td></tr>
          : null}
        {'\n'}
      </>)}</tbody>
    </table></div>
  );
};

const ChartData: FC<{ spec: ChartSpec }> = ({ spec }) => {
  const t = spec.usermeta.table;
  return (
    <details>
      <summary>{spec.usermeta.lang === 'sv' ? 'Diagrammets data' : 'Chart data'}</summary>
      <Table t={{ caption: t.caption, columns: t.columns, rows: t.rows, numeric: t.columns.map(() => false) }} />
    </details>
  );
};

const Facts: FC<{ rows: [string, string][] }> = ({ rows }) => (
  <dl class="facts">{rows.map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}</dl>
);

/** One block; `svg` is the chart's rendered SVG (charts only). */
const BlockView: FC<{ b: Block; svg?: string }> = ({ b, svg }) => {
  switch (b.kind) {
    case 'paragraph': return <p class={b.tone || undefined}>{b.text}</p>;
    case 'list': return <ul>{b.items.map((i) => <li>{i}</li>)}</ul>;
    case 'subheading': return <h3 class={b.newPage ? 'new-page' : undefined}>{b.text}</h3>;
    case 'facts': return <Facts rows={b.rows} />;
    case 'table': return <Table t={b.table} />;
    case 'chart': return (
      <figure>
        <div class="chart" role="img" aria-label={b.spec.usermeta.summary}>{raw(svg ?? '')}</div>
        <figcaption>{b.caption}</figcaption>
        <ChartData spec={b.spec} />
      </figure>
    );
  }
};

const Report: FC<{ model: ReportModel; svgs: Map<Block, string> }> = ({ model, svgs }) => {
  const m = model.metadata;
  return (
    <html lang={model.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{m.title}</title>
        <meta name="author" content={m.author} />
        <meta name="description" content={m.subject} />
        <meta name="keywords" content={m.keywords} />
        <meta name="generator" content={m.creator} />
        <style>{raw(`\n${fontFaces()}\n${CSS}\n`)}</style>
      </head>
      <body>
        <main>
          <header>
            <h1>{model.title}</h1>
            <p class="subtitle">{model.subtitle}</p>
            <Facts rows={model.facts} />
          </header>
          <nav class="toc" aria-label={model.lang === 'sv' ? 'Innehåll' : 'Contents'}>
            <ol>{model.sections.map((s) => <li><a href={`#${s.id}`}>{s.heading}</a></li>)}</ol>
          </nav>
          {model.sections.map((s) => (
            <section id={s.id} class={s.newPage ? 'new-page' : undefined}>
              <h2>{s.heading}</h2>
              {s.blocks.map((b) => <>{'\n'}<BlockView b={b} svg={svgs.get(b)} /></>)}
            </section>
          ))}
          <footer>{m.creator} · {model.runningHeader}</footer>
        </main>
      </body>
    </html>
  );
};

export async function renderHtml(model: ReportModel): Promise<string> {
  // The charts' SVG first (vega renders asynchronously); the markup itself is synchronous.
  const svgs = new Map<Block, string>();
  for (const s of model.sections) {
    for (const b of s.blocks) if (b.kind === 'chart') svgs.set(b, (await renderChartSvg(b.spec)).svg);
  }
  return `<!DOCTYPE html>\n${await (<Report model={model} svgs={svgs} />).toString()}\n`;
}

import type { FC } from 'hono/jsx';
import { formatTimestamp, t } from '../../server/i18n/index.ts';
import { Layout, type PageContext } from './layout.tsx';

export interface BoundaryListRow { code: string; name: string; crs: string; fileName: string; uploadedAt: string }

/** /boundaries: upload a GeoJSON/TopoJSON file of the areas' shapes (the map on Lägesbild), and what is stored. */
export const BoundariesPage: FC<{ page: PageContext; boundaries: BoundaryListRow[]; without: string[] }> = ({ page, boundaries, without }) => {
  const { lang } = page;
  return (
    <Layout page={page} id="boundaries" title={t(lang, 'boundaries.title')}>
      <p class="lead">{t(lang, 'boundaries.intro')}</p>
      <form id="boundaries-form" class="card" method="post" action="/api/v1/boundaries" enctype="multipart/form-data">
        <div class="field">
          <label for="boundaries-file">{t(lang, 'boundaries.file')}</label>
          <input id="boundaries-file" name="file" type="file" accept=".geojson,.json,.topojson,application/geo+json,application/json" required />
        </div>
        <div class="field">
          <label for="boundaries-property">{t(lang, 'boundaries.property')}</label>
          <input id="boundaries-property" name="codeProperty" type="text" aria-describedby="boundaries-property-help" />
          <p class="help" id="boundaries-property-help">{t(lang, 'boundaries.propertyHelp')}</p>
        </div>
        <button type="submit" class="primary">{t(lang, 'boundaries.submit')}</button>
        <div id="boundaries-result" role="status" aria-live="polite"></div>
      </form>
      <section aria-labelledby="boundaries-current">
        <h2 id="boundaries-current">{t(lang, 'boundaries.current')}</h2>
        {boundaries.length === 0 ? <p id="boundaries-none">{t(lang, 'boundaries.none')}</p> : (
          <table class="data" id="boundaries-table">
            <thead><tr>
              <th scope="col">{t(lang, 'boundaries.colCode')}</th><th scope="col">{t(lang, 'boundaries.colName')}</th>
              <th scope="col">{t(lang, 'boundaries.colCrs')}</th><th scope="col">{t(lang, 'boundaries.colSource')}</th><th scope="col">{t(lang, 'boundaries.colWhen')}</th>
            </tr></thead>
            <tbody>
              {boundaries.map((b) => (
                <tr data-area={b.code}><td>{b.code}</td><td>{b.name}</td><td>{b.crs === 'EPSG:3006' ? 'SWEREF 99 TM' : 'WGS 84'}</td><td>{b.fileName}</td><td>{formatTimestamp(b.uploadedAt, lang)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        {boundaries.length > 0 && without.length > 0 && <p class="help">{t(lang, 'boundaries.without', { codes: without.join(', ') })}</p>}
      </section>
      <p class="more-links"><a href="/areas">{t(lang, 'nav.areas')}</a><a href="/">{t(lang, 'nav.home')}</a></p>
    </Layout>
  );
};

import type { FC } from 'hono/jsx';
import { formatNumber, formatTimestamp, type MessageKey, PAGE_NUMBER, t } from '../../server/i18n/index.ts';
import { EmptyState } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

export interface BatchRow {
  id: number;
  kind: string;
  fileName: string;
  importedBy: string;
  importedAt: string;
  status: 'committed' | 'retracted';
  counts: { values: number; accepted: number; duplicates: number; rejected: number } | null;
  period: { from: string | null; to: string | null } | null;
  retractedAt: string | null;
  retractedBy: string | null;
  retractReason: string | null;
}

const Row: FC<{ page: PageContext; b: BatchRow }> = ({ page, b }) => {
  const { lang } = page;
  const n = (x: number) => formatNumber(x, lang, PAGE_NUMBER);
  const retracted = b.status === 'retracted';
  const name = retracted ? <del>{b.fileName}</del> : b.fileName;
  return (
    <tr id={`batch-${b.id}`} class={retracted ? 'retracted' : undefined} data-batch={String(b.id)}>
      <td class="num">{b.id}</td>
      <td class="file">
        {name}
        {retracted && (
          <p class="retract-note">
            {t(lang, 'imports.retractedBy', { at: formatTimestamp(b.retractedAt, lang), who: b.retractedBy ?? '', reason: b.retractReason ?? '' })}
          </p>
        )}
      </td>
      <td>{t(lang, `kind.${b.kind}` as MessageKey)}</td>
      <td>
        <span class="nowrap">{formatTimestamp(b.importedAt, lang)}</span>
        <span class="sub">{b.importedBy}</span>
      </td>
      <td class="num">
        {b.counts ? (
          <>
            {t(lang, 'imports.counts', { accepted: n(b.counts.accepted), values: n(b.counts.values) })}
            <span class="muted small">{t(lang, 'imports.countsDetail', { duplicates: n(b.counts.duplicates), rejected: n(b.counts.rejected) })}</span>
          </>
        ) : '—'}
      </td>
      <td>{b.period?.from ? <><span class="nowrap">{b.period.from} –</span> <span class="nowrap">{b.period.to ?? ''}</span></> : '—'}</td>
      <td>
        <span class={`status status-${b.status}`}>{t(lang, `status.${b.status}`)}</span>
      </td>
      <td>
        <div class="row-actions">
        <a href={`/api/v1/imports/${b.id}/file`} download>{t(lang, 'imports.download')}</a>
        {/* An areas import cannot be retracted (server/import/retract.ts); areas are edited instead. */}
        {!retracted && b.kind !== 'areas' && (
          <button type="button" class="danger" data-retract={String(b.id)}>{t(lang, 'imports.retract')}</button>
        )}
        </div>
      </td>
    </tr>
  );
};

export interface RefusedRow { id: number; fileName: string; by: string; at: string; errors: number }

/** Refused attempts: nothing stored, but a trace and the error list for the lab. */
const Refused: FC<{ page: PageContext; refused: RefusedRow[] }> = ({ page, refused }) => {
  const { lang } = page;
  return (
    <section class="card" id="refused">
      <h2>{t(lang, 'refused.title')}</h2>
      <p class="muted">{t(lang, 'refused.intro')}</p>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'refused.file')}</th>
              <th scope="col">{t(lang, 'refused.at')}</th>
              <th scope="col" class="num">{t(lang, 'refused.errors')}</th>
              <th scope="col">{t(lang, 'refused.list')}</th>
            </tr>
          </thead>
          <tbody>
            {refused.map((r) => (
              <tr data-attempt={String(r.id)}>
                <td class="file">{r.fileName}</td>
                <td><span class="nowrap">{formatTimestamp(r.at, lang)}</span><span class="sub">{r.by}</span></td>
                <td class="num">{formatNumber(r.errors, lang, PAGE_NUMBER)}</td>
                <td><a href={`/api/v1/import-attempts/${r.id}/issues?lang=${lang}`} download>{t(lang, 'issues.downloadList')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};

export const ImportsPage: FC<{ page: PageContext; batches: BatchRow[]; refused?: RefusedRow[] }> = ({ page, batches, refused = [] }) => {
  const { lang } = page;
  return (
    <Layout page={page} id="imports" title={t(lang, 'imports.title')}>
      <p class="lead">{t(lang, 'imports.intro')}</p>
      {batches.length === 0 ? (
        <EmptyState title={t(lang, 'imports.empty')}>
          <p><a class="button primary" href="/upload">{t(lang, 'imports.emptyLink')}</a></p>
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="data" id="batches">
            <thead>
              <tr>
                <th scope="col" class="num">{t(lang, 'imports.id')}</th>
                <th scope="col">{t(lang, 'imports.file')}</th>
                <th scope="col">{t(lang, 'imports.kind')}</th>
                <th scope="col">{t(lang, 'imports.at')}</th>
                <th scope="col" class="num">{t(lang, 'imports.values')}</th>
                <th scope="col">{t(lang, 'imports.period')}</th>
                <th scope="col">{t(lang, 'imports.status')}</th>
                <th scope="col">{t(lang, 'imports.actions')}</th>
              </tr>
            </thead>
            <tbody>{batches.map((b) => <Row page={page} b={b} />)}</tbody>
          </table>
        </div>
      )}
      {refused.length > 0 && <Refused page={page} refused={refused} />}
      <dialog id="retract-dialog" aria-labelledby="retract-title">
        <form id="retract-form" class="stack">
          <h2 id="retract-title">{t(lang, 'imports.retract')}</h2>
          <p>{t(lang, 'retract.explain')}</p>
          <div class="field">
            <label for="retract-reason">{t(lang, 'retract.reason')}</label>
            <textarea id="retract-reason" name="reason" rows={3} maxlength={1000} required></textarea>
          </div>
          <p id="retract-message" class="message" hidden></p>
          <div class="actions">
            <button id="retract-submit" type="submit" class="danger">{t(lang, 'retract.confirm')}</button>
            <button id="retract-cancel" type="button">{t(lang, 'common.cancel')}</button>
          </div>
        </form>
      </dialog>
    </Layout>
  );
};

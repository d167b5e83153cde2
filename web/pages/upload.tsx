import type { FC } from 'hono/jsx';
import { type MessageKey, t } from '../../server/i18n/index.ts';
import { Layout, type PageContext } from './layout.tsx';

export const UPLOAD_KINDS = ['', 'lab', 'flow', 'areas', 'reference'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];
const CONFLICTS = ['reject', 'replace', 'skip'] as const;

/**
 * The upload page's frame; web/client/upload.ts does the work (dry run, preview, confirm).
 * Without JavaScript nothing can be uploaded here; the API and CLI remain.
 */
export const UploadPage: FC<{ page: PageContext; kind: UploadKind }> = ({ page, kind }) => {
  const { lang } = page;
  return (
    <Layout page={page} id="upload" title={t(lang, 'upload.title')}>
      <p class="lead">{t(lang, 'upload.intro')}</p>
      <div class="upload-grid">
        <div id="dropzone" class="dropzone">
          <p class="dropzone-title">{t(lang, 'upload.drop')}</p>
          <p class="muted">{t(lang, 'upload.or')}</p>
          <input id="file-input" type="file" name="file" class="visually-hidden" accept=".csv,.txt,.tsv,text/csv,text/plain" />
          <label for="file-input" class="button primary">{t(lang, 'upload.choose')}</label>
          <p id="file-name" class="file-name" aria-live="polite"></p>
        </div>
        <div class="upload-options stack">
          <div class="field">
            <label for="kind">{t(lang, 'upload.kind')}</label>
            <select id="kind" name="kind">
              {UPLOAD_KINDS.map((k) => (
                <option value={k} selected={k === kind}>{t(lang, k ? (`kind.${k}` as MessageKey) : 'kind.auto')}</option>
              ))}
            </select>
            <p id="kind-note" class="help" hidden></p>
          </div>
          <div class="field">
            <label for="on-conflict">{t(lang, 'upload.onConflict')}</label>
            <select id="on-conflict" name="onConflict" aria-describedby="on-conflict-help">
              {CONFLICTS.map((k) => <option value={k} selected={k === 'reject'}>{t(lang, `conflict.${k}`)}</option>)}
            </select>
            <ul id="on-conflict-help" class="option-help">
              {CONFLICTS.map((k) => (
                <li data-option={k} class={k === 'reject' ? 'chosen' : undefined}>
                  <strong>{t(lang, `conflict.${k}`)}:</strong> {t(lang, `conflict.${k}Help`)}
                </li>
              ))}
            </ul>
            <p class="help">{t(lang, 'conflict.note')}</p>
          </div>
        </div>
      </div>
      <div id="progress" class="progress" hidden>
        <progress id="progress-bar" max={100} value={0}></progress>
        <span id="progress-text" aria-live="polite"></span>
      </div>
      <p id="upload-message" class="message" hidden></p>
      <section id="preview" aria-live="polite" hidden></section>
      <div id="actions" class="actions" hidden>
        <button id="confirm" type="button" class="primary" disabled>{t(lang, 'upload.confirm')}</button>
        <button id="recheck" type="button">{t(lang, 'upload.recheck')}</button>
        <button id="reset" type="button">{t(lang, 'upload.another')}</button>
      </div>
    </Layout>
  );
};

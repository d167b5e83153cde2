import type { FC } from 'hono/jsx';
import { formatTimestamp, t } from '../../server/i18n/index.ts';
import { Field } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

export interface TokenRow {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const Tokens: FC<{ page: PageContext; tokens: TokenRow[] }> = ({ page, tokens }) => {
  const { lang } = page;
  return (
    <section class="card" id="tokens">
      <h2>{t(lang, 'tokens.title')}</h2>
      <p>{t(lang, 'tokens.intro')}</p>
      <p id="tokens-empty" class="muted" hidden={tokens.length > 0}>{t(lang, 'tokens.empty')}</p>
      <div class="table-wrap">
        <table class="data" id="tokens-table" hidden={tokens.length === 0}>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'tokens.name')}</th>
              <th scope="col">{t(lang, 'tokens.created')}</th>
              <th scope="col">{t(lang, 'tokens.lastUsed')}</th>
              <th scope="col">{t(lang, 'tokens.status')}</th>
              <th scope="col"><span class="visually-hidden">{t(lang, 'tokens.revoke')}</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tok) => (
              <tr class={tok.revokedAt ? 'retracted' : undefined}>
                <td>{tok.name}</td>
                <td class="nowrap">{formatTimestamp(tok.createdAt, lang)}</td>
                <td class="nowrap">{tok.lastUsedAt ? formatTimestamp(tok.lastUsedAt, lang) : t(lang, 'common.never')}</td>
                <td>{tok.revokedAt ? t(lang, 'tokens.revoked', { at: formatTimestamp(tok.revokedAt, lang) }) : t(lang, 'tokens.active')}</td>
                <td>{!tok.revokedAt && <button type="button" class="danger" data-revoke-token={String(tok.id)} data-name={tok.name}>{t(lang, 'tokens.revoke')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div id="token-created" class="message message-ok" role="status" hidden></div>
      <form data-form="token" class="inline-form">
        <Field id="token-name" label={t(lang, 'tokens.name')}>
          <input id="token-name" name="name" required maxlength={100} />
        </Field>
        <button type="submit" class="primary">{t(lang, 'tokens.create')}</button>
        <p class="message" hidden></p>
      </form>
    </section>
  );
};

/** Password change for everyone; API tokens for coordinators and admins (`tokens` is null otherwise). */
export const AccountPage: FC<{ page: PageContext; organisation: string; tokens: TokenRow[] | null }> = ({ page, organisation, tokens }) => {
  const { lang, user } = page;
  return (
    <Layout page={page} id="account" title={t(lang, 'account.title')}>
      {user && <p class="lead">{t(lang, 'account.info', { email: user.email, role: t(lang, `role.${user.role}`), organisation })}</p>}
      <section class="card">
        <h2>{t(lang, 'account.password')}</h2>
        <form data-form="password" class="stack narrow">
          <input type="text" name="username" autocomplete="username" value={user?.email ?? ''} hidden />
          <Field id="current-password" label={t(lang, 'account.current')}>
            <input id="current-password" name="currentPassword" type="password" autocomplete="current-password" required />
          </Field>
          <Field id="new-password" label={t(lang, 'account.new')}>
            <input id="new-password" name="newPassword" type="password" autocomplete="new-password" minlength={12} required />
          </Field>
          <Field id="repeat-password" label={t(lang, 'account.repeat')}>
            <input id="repeat-password" name="repeatPassword" type="password" autocomplete="new-password" minlength={12} required />
          </Field>
          <p class="message" hidden></p>
          <button type="submit" class="primary">{t(lang, 'account.password')}</button>
        </form>
      </section>
      {tokens && <Tokens page={page} tokens={tokens} />}
      {user?.role === 'admin' && <p><a href="/admin">{t(lang, 'account.adminLink')}</a></p>}
    </Layout>
  );
};

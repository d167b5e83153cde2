import type { FC } from 'hono/jsx';
import { adminWords, auditActionLabel, auditTargetLabel, formatTimestamp, t } from '../../server/i18n/index.ts';
import { Field } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

export interface AdminUser { email: string; role: string; disabled: boolean; createdAt: string }
export interface AuditRow { at: string; actor: string; action: string; target: string | null; details: string }
export interface AuditFilter { action?: string; actor?: string; from?: string; to?: string }

const ROLES = ['viewer', 'coordinator', 'admin'];

export const AdminPage: FC<{ page: PageContext; organisation: { id: number; name: string }; users: AdminUser[]; audit: AuditRow[]; actions: string[]; filter: AuditFilter }> = ({ page, organisation, users, audit, actions, filter }) => {
  const w = adminWords(page.lang);
  return (
    <Layout page={page} id="admin" title={w.title}>
      <section class="card" id="organisation">
        <h2>{t(page.lang, 'org.title')}</h2>
        <form data-form="organisation" data-id={String(organisation.id)} class="inline-form">
          <Field id="org-name" label={t(page.lang, 'org.name')}>
            <input id="org-name" name="name" required maxlength={200} value={organisation.name} placeholder={t(page.lang, 'org.unnamed')} />
          </Field>
          <button type="submit" class="primary">{t(page.lang, 'org.save')}</button>
          <p class="message" hidden></p>
        </form>
      </section>
      <section class="card">
        <h2>{w.users}</h2>
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">{w.email}</th><th scope="col">{w.role}</th><th scope="col">{w.status}</th><th scope="col">{w.created}</th><th scope="col"></th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr class={u.disabled ? 'retracted' : undefined}>
                  <td>{u.email}</td>
                  <td>
                    <form data-form="role" data-email={u.email} class="inline-form">
                      <select name="role" aria-label={`${w.role} ${u.email}`} disabled={u.disabled}>
                        {ROLES.map((r) => <option value={r} selected={r === u.role}>{w[r]}</option>)}
                      </select>
                      {!u.disabled && <button type="submit">{w.save}</button>}
                      <p class="message" hidden></p>
                    </form>
                  </td>
                  <td>{u.disabled ? w.disabled : w.active}</td>
                  <td class="nowrap">{formatTimestamp(u.createdAt, page.lang)}</td>
                  <td>{!u.disabled && u.email !== page.user?.email && <button type="button" class="danger" data-disable-user={u.email}>{w.disable}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form data-form="user" class="inline-form">
          <label>{w.email} <input name="email" type="email" required maxlength={320} /></label>
          <label>{w.role} <select name="role">{ROLES.map((r) => <option value={r}>{w[r]}</option>)}</select></label>
          <label>{w.password} <input name="password" type="password" minlength={12} required autocomplete="new-password" /></label>
          <button type="submit" class="primary">{w.add}</button>
          <p class="message" hidden></p>
        </form>
      </section>
      <section class="card">
        <h2 id="audit-title">{w.audit}</h2>
        <p>{w.auditIntro}</p>
        <form method="get" action="/admin" class="inline-form">
          <label>{w.what} <select name="action"><option value="">{w.all}</option>{actions.map((a) => <option value={a} selected={a === filter.action}>{auditActionLabel(a, page.lang)}</option>)}</select></label>
          <label>{w.who} <input name="actor" value={filter.actor ?? ''} maxlength={320} /></label>
          <label>{w.from} <input name="from" type="date" value={filter.from ?? ''} /></label>
          <label>{w.to} <input name="to" type="date" value={filter.to ?? ''} /></label>
          <button type="submit">{w.filter}</button>
        </form>
        {audit.length === 0 ? <p class="muted">{w.empty}</p> : (
          <div class="table-wrap" tabindex={0} role="region" aria-labelledby="audit-title">
            <table class="data" id="audit-table">
              <thead><tr><th scope="col">{w.when}</th><th scope="col">{w.who}</th><th scope="col">{w.what}</th><th scope="col">{w.target}</th><th scope="col">{w.details}</th></tr></thead>
              <tbody>
                {audit.map((a) => (
                  <tr><td class="nowrap">{a.at.slice(0, 19).replace('T', ' ')}</td><td>{a.actor}</td><td>{auditActionLabel(a.action, page.lang)}</td><td>{auditTargetLabel(a.target, page.lang)}</td><td><code>{a.details}</code></td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
};
